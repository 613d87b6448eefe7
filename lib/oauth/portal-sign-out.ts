import "server-only";
import type { KoaContextWithOIDC } from "oidc-provider";
import { endPortalSession } from "@/lib/sessions/end-portal-session";
import { decodePortalCookie, portalSessionCookieNames } from "./portal-session";

/**
 * After oidc-provider confirmed an application's sign-out request (RP-initiated logout):
 * the person is signed out of the portal too, or the next sign-in would go straight through.
 * The session row ends as well, so a copy of the cookie is refused like the cookie itself.
 */
export async function signOutOfPortal(ctx: KoaContextWithOIDC): Promise<void> {
  if (!ctx.oidc.params?.logout || ctx.status >= 400) return;
  const portal = await decodePortalCookie(ctx.req);
  // The session signed out is someone else's (an earlier person on this browser, whose token
  // service session oidc-provider ends when another signs in): the portal's stays on.
  const accountId = ctx.oidc.session?.accountId;
  if (accountId && portal?.uid !== accountId) return;
  await endPortalSession(portal?.sid);
  for (const name of portalSessionCookieNames(ctx.req)) {
    ctx.append("Set-Cookie", `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${name.startsWith("__Secure-") ? "; Secure" : ""}`);
  }
}
