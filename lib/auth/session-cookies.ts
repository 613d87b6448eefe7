// The portal's session cookie, which the token service reads too (lib/oauth/portal-session.ts):
// `SameSite=None; Secure` wherever browsers take that (https, loopback), so an application
// on another site can renew its tokens in a hidden iframe with prompt=none (seed 003), and
// `__Host-` on https, so no sibling host or plain-http page can plant or shadow it.
// next-auth's other cookies (CSRF, callback URL, OAuth checks) keep its defaults.
import type { CookieOption } from "next-auth";
import { siteSecurity } from "@/lib/http/site-security";

export function sessionCookie(baseUrl: string): CookieOption {
  const { https, crossSiteCookies } = siteSecurity(baseUrl);
  return {
    name: `${https ? "__Host-" : ""}next-auth.session-token`,
    options: { httpOnly: true, path: "/", sameSite: crossSiteCookies ? "none" : "lax", secure: crossSiteCookies },
  };
}

/** Names the session cookie may carry, chunks included (next-auth splits large ones). */
export const SESSION_COOKIE_NAME = /^(__Host-|__Secure-)?next-auth\.session-token(\.\d+)?$/;
