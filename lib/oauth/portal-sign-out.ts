import "server-only";
import type { KoaContextWithOIDC } from "oidc-provider";
import { sessionCookie } from "@/lib/auth/session-cookies";
import { portalSessionCookieNames } from "./portal-session";

/**
 * After oidc-provider confirmed an application's sign-out request (RP-initiated logout):
 * the person is signed out of the portal too, or the next sign-in would go straight through.
 */
export function signOutOfPortal(ctx: KoaContextWithOIDC): void {
  if (!ctx.oidc.params?.logout || ctx.status >= 400) return;
  // With the attributes it was set with: a Secure cookie is only replaced by a Secure one.
  const { secure, sameSite } = sessionCookie(ctx.oidc.issuer).options;
  for (const name of portalSessionCookieNames(ctx.req)) {
    ctx.append(
      "Set-Cookie",
      `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=${sameSite === "none" ? "None" : "Lax"}${secure || name.startsWith("__") ? "; Secure" : ""}`,
    );
  }
}
