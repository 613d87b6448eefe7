import "server-only";
import { siteSecurity } from "@/lib/http/site-security";

/**
 * oidc-provider's session and interaction cookies, like the portal's session cookie
 * (lib/auth/session-cookies.ts): SameSite=None where browsers take it, so prompt=none works
 * in an application's hidden iframe on another site. Secure is added to them on the way
 * out (token-service-headers.ts says why it cannot be set here).
 */
export function tokenServiceCookieAttributes(baseUrl: string) {
  const sameSite = siteSecurity(baseUrl).crossSiteCookies ? ("none" as const) : ("lax" as const);
  return { long: { httpOnly: true, sameSite }, short: { httpOnly: true, sameSite } };
}
