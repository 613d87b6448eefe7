import "server-only";
import type { KoaContextWithOIDC } from "oidc-provider";
import { portalSessionCookieNames } from "./portal-session";

/**
 * After oidc-provider confirmed an application's sign-out request (RP-initiated logout):
 * the person is signed out of the portal too, or the next sign-in would go straight through.
 */
export function signOutOfPortal(ctx: KoaContextWithOIDC): void {
  if (!ctx.oidc.params?.logout || ctx.status >= 400) return;
  for (const name of portalSessionCookieNames(ctx.req)) {
    ctx.append("Set-Cookie", `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${name.startsWith("__Secure-") ? "; Secure" : ""}`);
  }
}
