import "server-only";
import type { KoaContextWithOIDC } from "oidc-provider";
import { portalSessionCookieNames } from "./portal-session";

/** Signing out at an application's request (RP-initiated logout) signs the person out of the portal too. */
export async function portalSignOut(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
  await next();
  if (ctx.oidc?.route !== "end_session_confirm" || !ctx.oidc.params?.logout || ctx.status >= 400) return;
  for (const name of portalSessionCookieNames(ctx.req)) {
    ctx.append("Set-Cookie", `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${name.startsWith("__Secure-") ? "; Secure" : ""}`);
  }
}
