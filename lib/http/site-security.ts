// What the base URL says about how strict the browser-facing parts can be. One place, so
// the portal (proxy.ts, next-auth) and the token service (lib/oauth) agree.

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

export type SiteSecurity = {
  /** Served over TLS: HSTS, `__Host-` cookie names, upgrade-insecure-requests. */
  https: boolean;
  /**
   * Session cookies may be `SameSite=None; Secure`, so an application on another site can
   * renew tokens in a hidden iframe (prompt=none). Browsers take Secure cookies only from
   * secure contexts: https, and loopback, which Chromium and Firefox count as one.
   */
  crossSiteCookies: boolean;
};

export function siteSecurity(baseUrl: string): SiteSecurity {
  const url = new URL(baseUrl);
  const https = url.protocol === "https:";
  return { https, crossSiteCookies: https || LOOPBACK.has(url.hostname) || url.hostname.endsWith(".localhost") };
}
