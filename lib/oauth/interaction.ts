import "server-only";
import type Provider from "oidc-provider";
import type { KoaContextWithOIDC, InteractionResults } from "oidc-provider";
import { findCachedClient } from "./client-cache";
import { INTERACTION_ROUTE } from "./identity-paths";
import { errorPage } from "./pages";
import { readPortalSession, type PortalSession } from "./portal-session";
import { findTenantMember } from "./tenant-member";

type Next = () => Promise<void>;
type Details = Awaited<ReturnType<Provider["interactionDetails"]>>;

/**
 * Where oidc-provider sends a person who must sign in before an application gets a code
 * (GET /identity/interaction/:uid). There is no login form here: the person signs in to
 * the portal (the company's identity provider through next-auth) and comes back, and only
 * members of the application's tenant are let through. There is no consent screen either:
 * every client belongs to the tenant whose administrators created it.
 */
export function interactionMiddleware(provider: Provider, prefix: string) {
  return async (ctx: KoaContextWithOIDC, next: Next) => {
    const uid = INTERACTION_ROUTE.exec(ctx.path)?.[1];
    if (!uid || ctx.method !== "GET") return next();
    ctx.set("Cache-Control", "no-store");

    let details: Details;
    try {
      details = await provider.interactionDetails(ctx.req, ctx.res);
    } catch {
      return expired(ctx);
    }
    if (details.uid !== uid) return expired(ctx);
    const client = await findCachedClient(String(details.params.client_id));
    if (!client) return expired(ctx);

    const finish = async (result: InteractionResults) => {
      ctx.status = 303;
      ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false }));
    };

    if (details.prompt.name === "login") {
      const session = await readPortalSession(ctx.req, provider.issuer);
      if (!session || !freshEnough(session, details)) {
        const signIn = new URLSearchParams({ callbackUrl: `${prefix}/interaction/${uid}` });
        if (session) signIn.set("reauth", "1");
        return ctx.redirect(`/signin?${signIn}`);
      }
      if (!(await findTenantMember(client.metadata.latchkey_tenant_id, session.userId))) {
        // The description travels to the application's redirect URL: it names no one.
        return finish({ error: "access_denied", error_description: "The signed-in user is not a member of the tenant this application belongs to" });
      }
      return finish({ login: { accountId: session.userId, ts: session.authTime } });
    }

    // Consent: granted on the tenant's behalf, for exactly what is missing.
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
    const grant =
      (details.grantId && (await provider.Grant.find(details.grantId))) ||
      new provider.Grant({ accountId: details.session!.accountId, clientId: client.metadata.client_id });
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(" "));
    return finish({ consent: { grantId: await grant.save() } });
  };
}

/**
 * prompt=login asks for a sign-in after the request began, max_age for one at most that
 * many seconds old (a sign-in after the request began satisfies both, however long it
 * took); otherwise the portal's current session will do.
 */
function freshEnough(session: PortalSession, details: Details): boolean {
  if (session.authTime >= (details.iat ?? Infinity)) return true;
  if (details.prompt.reasons.includes("login_prompt")) return false;
  const maxAge = details.params.max_age;
  return maxAge === undefined || session.authTime >= Math.floor(Date.now() / 1000) - Number(maxAge);
}

function expired(ctx: KoaContextWithOIDC) {
  ctx.status = 400;
  ctx.type = "html";
  ctx.body = errorPage({
    error: "invalid_request",
    error_description: "This sign-in request has expired or was already completed. Return to the application and sign in again.",
  });
}
