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
  return { long: { httpOnly: true, sameSite, path: "/" }, short: { httpOnly: true, sameSite } };
}

/**
 * On https the session cookie (path /, no domain) is `__Host-`, so no sibling host or
 * plain-http page can plant or shadow it. The interaction cookies cannot be: oidc-provider
 * scopes each to its interaction's own path (/identity/interaction/<uid>,
 * /identity/auth/<uid>) so parallel sign-ins keep apart, and `__Host-` demands Path=/.
 * They get `__Secure-`, which browsers accept only over https with Secure.
 */
export function tokenServiceCookieNames(baseUrl: string) {
  const https = siteSecurity(baseUrl).https;
  const secure = https ? "__Secure-" : "";
  return {
    session: `${https ? "__Host-" : ""}_latchkey_op_session`,
    interaction: `${secure}_latchkey_interaction`,
    resume: `${secure}_latchkey_interaction_resume`,
  };
}
