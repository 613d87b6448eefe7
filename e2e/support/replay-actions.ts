// Security regression harness (used by fixtures.ts after every test): each server action a
// journey performed is sent again as a signed-out visitor, as the tenant's plain member and
// as an administrator of another tenant (with this tenant's slug, and with their own slug
// but this tenant's real ids). Every replay must be refused and change nothing.
import { expect, request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { E2E_BASE_URL } from "./e2e-env";
import { dumpDatabase, tenantRows, type CapturedAction } from "./security";
import { signInAs } from "./sign-in";

export type Identity = { label: string; request: APIRequestContext; swapTo?: string };

/** `{"ok":false,"code":"NOT_FOUND",…}` inside the action's RSC response. */
function outcome(text: string): { ok: boolean | null; code: string | null } {
  const ok = /"ok":(true|false)/.exec(text)?.[1];
  return { ok: ok === undefined ? null : ok === "true", code: /"code":"([A-Z_]+)"/.exec(text)?.[1] ?? null };
}

/** Sends a captured action again with another identity's cookies (and optionally its own tenant's slug). */
export async function send(identity: Identity, action: CapturedAction, fromSlug: string) {
  const swap = (value: string) =>
    identity.swapTo ? value.split(`/t/${fromSlug}`).join(`/t/${identity.swapTo}`).split(`"${fromSlug}"`).join(`"${identity.swapTo}"`) : value;
  const headers = Object.fromEntries(
    Object.entries(action.headers)
      .filter(([name]) => !["cookie", "content-length", "host"].includes(name))
      .map(([name, value]) => [name, swap(value)]),
  );
  const response = await identity.request.post(swap(action.url), { headers, data: swap(action.body), maxRedirects: 0 });
  return { status: response.status(), text: await response.text() };
}

async function signedInRequest(email: string | null): Promise<APIRequestContext> {
  const request = await playwrightRequest.newContext({ baseURL: E2E_BASE_URL });
  if (email) await signInAs(request, email);
  return request;
}

export async function replayActionsAsOutsiders(
  actions: CapturedAction[],
  tenant: { slug: string; member: string },
  outsider: { slug: string; admin: string },
): Promise<void> {
  const mutating = actions.filter((a) => a.url.includes(`/t/${tenant.slug}/`));
  if (mutating.length === 0) return;
  const before = dumpDatabase();
  const tenantId = (JSON.parse(before).tenant as { id: string; slug: string }[]).find((t) => t.slug === tenant.slug)!.id;
  const identities: Identity[] = [
    { label: "signed-out visitor", request: await signedInRequest(null) },
    { label: "plain member", request: await signedInRequest(tenant.member) },
    { label: "other tenant's administrator", request: await signedInRequest(outsider.admin) },
    { label: "other tenant's administrator in their own tenant", request: await signedInRequest(outsider.admin), swapTo: outsider.slug },
  ];
  try {
    for (const action of mutating) {
      for (const identity of identities) {
        const { status, text } = await send(identity, action, tenant.slug);
        const where = `${identity.label} replaying ${action.url} (${action.body.slice(0, 120)})`;
        if (identity.label === "signed-out visitor") {
          // Refused before any action runs: sent to sign-in, or the pipeline's UNAUTHENTICATED.
          expect(status === 307 || outcome(text).code === "UNAUTHENTICATED", where).toBe(true);
        } else if (identity.label === "plain member") {
          expect(outcome(text), where).toEqual({ ok: false, code: "FORBIDDEN" });
        } else if (!identity.swapTo) {
          expect(outcome(text), where).toEqual({ ok: false, code: "NOT_FOUND" });
        } else {
          // In their own tenant the action may legitimately run (e.g. create a role there),
          // but anything naming this tenant's ids must be refused as unknown.
          const result = outcome(text);
          expect(result.ok === false ? ["NOT_FOUND", "VALIDATION", "CONFLICT"] : ["ran in own tenant"], where).toContain(
            result.ok === false ? result.code : "ran in own tenant",
          );
        }
      }
    }
    expect(tenantRows(dumpDatabase(), tenantId), "the tenant's data after all refused replays").toBe(tenantRows(before, tenantId));
  } finally {
    for (const identity of identities) await identity.request.dispose();
  }
}
