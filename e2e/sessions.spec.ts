import { createHash, randomBytes } from "node:crypto";
import type { APIRequestContext, BrowserContext, Page } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./support/axe";
import { latchkey, runScript } from "./support/cli";
import { E2E_BASE_URL } from "./support/e2e-env";
import { expect, signInAs, test } from "./support/fixtures";
import { send } from "./support/replay-actions";
import { createAuthorizationCodeClientCli } from "./support/secrets";
import { captureActions } from "./support/security";

// Security regressions: a session ends on the server. A copy of the session cookie taken
// before sign-out (or before an administrator signed the person out everywhere) is refused
// afterwards by every server process (the server runs several): portal pages, server
// actions, API routes and the token service's authorization endpoint. Removing or demoting
// a member ends their access at once.

/** A second browser holding a copy of the page's session cookie, as a thief would. */
async function stealSession(page: Page): Promise<BrowserContext> {
  const cookies = (await page.context().cookies()).filter((c) => c.name.startsWith("next-auth.session-token"));
  expect(cookies).toHaveLength(1);
  const thief = await page.context().browser()!.newContext({ baseURL: E2E_BASE_URL });
  await thief.addCookies(cookies);
  return thief;
}

/** Follows /identity/auth as a browser would, stopping where it leaves the token service: the application (a code) or the portal's sign-in. */
async function authorize(request: APIRequestContext, clientId: string): Promise<URL> {
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  let url = new URL(`${E2E_BASE_URL}/identity/auth`);
  url.search = new URLSearchParams({
    client_id: clientId,
    response_type: "code",
    redirect_uri: "https://app.example.test/callback",
    scope: "openid",
    code_challenge: challenge,
    code_challenge_method: "S256",
    state: "s",
  }).toString();
  for (let hops = 0; hops < 10; hops++) {
    const response = await request.get(url.toString(), { maxRedirects: 0 });
    const location = response.headers()["location"];
    if (!location) throw new Error(`no redirect from ${url.pathname}: ${response.status()}`);
    url = new URL(location, url);
    if (url.origin !== E2E_BASE_URL || url.pathname === "/signin") return url;
  }
  throw new Error("too many redirects");
}

async function expectSignedOut(thief: BrowserContext, tenantSlug: string, clientId: string) {
  const page = await thief.newPage();
  await page.goto(`/t/${tenantSlug}/users`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await expect(page.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();
  const audit = await thief.request.get(`/api/t/${tenantSlug}/audit`);
  expect(audit.status()).toBe(401);
  expect((await authorize(thief.request, clientId)).pathname).toBe("/signin");
  // Last: next-auth's own route also clears the dead cookie.
  expect(await (await thief.request.get("/api/auth/session")).json()).toEqual({});
}

test("a copy of the session cookie taken before sign-out is refused everywhere afterwards", async ({ page, tenant }) => {
  const { clientId } = createAuthorizationCodeClientCli(tenant.slug, `Session app ${tenant.slug}`);
  await signInAs(page.request, tenant.admin);
  const actions = captureActions(page);
  await page.goto(`/t/${tenant.slug}/roles`);
  await page.getByLabel("Name", { exact: true }).fill("Session readers");
  await page.getByRole("button", { name: "Create role" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Role “Session readers” created" })).toBeVisible();
  expect(actions).toHaveLength(1);

  // The copy works while the session is on: page, API route, token service.
  const thief = await stealSession(page);
  const before = await thief.newPage();
  await before.goto(`/t/${tenant.slug}/users`);
  await expect(before.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  expect((await thief.request.get(`/api/t/${tenant.slug}/audit`)).status()).toBe(200);
  expect((await authorize(thief.request, clientId)).searchParams.get("code")).toBeTruthy();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);

  // The captured server action, sent again with the copied cookie: refused before it runs.
  // (First: next-auth's own routes answer a dead cookie by clearing it, which a thief ignores.)
  const replay = await send({ label: "thief", request: thief.request }, actions[0]!, tenant.slug);
  expect(replay.text).toContain('"code":"UNAUTHENTICATED"');
  await expectSignedOut(thief, tenant.slug, clientId);
  await thief.close();
});

test("an administrator signs a member out everywhere: the member's next request is signed out", async ({ page, tenant, browser }) => {
  const { clientId } = createAuthorizationCodeClientCli(tenant.slug, `Session app ${tenant.slug}`);
  const memberContext = await browser.newContext({ baseURL: E2E_BASE_URL });
  await signInAs(memberContext.request, tenant.member);
  const memberPage = await memberContext.newPage();
  await memberPage.goto(`/t/${tenant.slug}/clients`);
  await expect(memberPage.getByRole("heading", { name: "Clients", level: 1 })).toBeVisible();

  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/users`);
  await expectNoSeriousAxeViolations(page);
  await page.getByRole("button", { name: `Sign out everywhere: ${tenant.member}` }).click();
  const dialog = page.getByRole("dialog", { name: `Sign out ${tenant.member} everywhere?` });
  await expect(dialog).toContainText("in every tenant");
  await expectNoSeriousAxeViolations(page);
  await dialog.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${tenant.member} was signed out everywhere (1 session ended)` })).toBeVisible();

  await memberPage.reload();
  await expect(memberPage).toHaveURL(/\/signin\?callbackUrl=/);
  await expectSignedOut(memberContext, tenant.slug, clientId);
  // The administrator's own session goes on; the audit log says who did it.
  const audit = (await (await page.request.get(`/api/t/${tenant.slug}/audit?action=membership.sessions-end`)).json()) as {
    events: { actor: { label: string }; target: { label: string } }[];
  };
  expect(audit.events).toEqual([
    expect.objectContaining({ actor: expect.objectContaining({ label: tenant.admin }), target: expect.objectContaining({ label: tenant.member }) }),
  ]);
  await memberContext.close();
});

test("demoting or removing a member ends their administrator access, then all access, at once", async ({ page, tenant, browser }) => {
  const second = `second-admin-${tenant.slug}@example.test`;
  latchkey(["users", "add", "--tenant", tenant.slug, "--email", second, "--role", "Account Administrator"]);
  const other = await browser.newContext({ baseURL: E2E_BASE_URL });
  await signInAs(other.request, second);
  expect((await other.request.get(`/api/t/${tenant.slug}/audit`)).status()).toBe(200);

  runScript("e2e/support/set-membership-roles.ts", [tenant.slug, second]);
  expect((await other.request.get(`/api/t/${tenant.slug}/audit`)).status()).toBe(403);

  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/users`);
  await page.getByRole("button", { name: `Remove ${second}` }).click();
  await page
    .getByRole("dialog", { name: `Remove ${second}?` })
    .getByRole("button", { name: "Remove member" })
    .click();
  await expect(page.getByRole("status").filter({ hasText: `${second} was removed from this tenant` })).toBeVisible();

  // That was their only tenant: without a membership they cannot sign in, so their session
  // ended with it (a member of other tenants still gets 404 here).
  const otherPage = await other.newPage();
  await otherPage.goto(`/t/${tenant.slug}/clients`);
  await expect(otherPage).toHaveURL(/\/signin\?callbackUrl=/);
  expect((await other.request.get(`/api/t/${tenant.slug}/audit`)).status()).toBe(401);
  await other.close();
});

test("signing in again in a browser ends the session it had: a copy of the old cookie is refused", async ({ page, tenant }) => {
  const { clientId } = createAuthorizationCodeClientCli(tenant.slug, `Session app ${tenant.slug}`);
  await signInAs(page.request, tenant.admin);
  const thief = await stealSession(page);
  expect((await thief.request.get(`/api/t/${tenant.slug}/audit`)).status()).toBe(200);

  // A fresh sign-in over the existing cookie (as prompt=login or max_age asks for), then
  // another person signing in on the same browser: each ends the session before it.
  await signInAs(page.request, tenant.admin);
  await expectSignedOut(thief, tenant.slug, clientId);
  const second = await stealSession(page);
  await signInAs(page.request, tenant.member);
  await expectSignedOut(second, tenant.slug, clientId);
  await page.goto(`/t/${tenant.slug}/clients`);
  await expect(page.getByRole("heading", { name: "Clients", level: 1 })).toBeVisible();
  await thief.close();
  await second.close();
});
