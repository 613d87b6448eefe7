// What the base URL says about how strict the browser-facing parts can be. One place, so
// the portal (proxy.ts, next-auth) and the token service (lib/oauth) agree.

/** LATCHKEY_BASE_URL, or localhost on PORT (lib/config.ts; here too for Next.js code, which must not import that file's path handling). */
export function publicBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.LATCHKEY_BASE_URL ?? `http://localhost:${Number(env.PORT ?? 3000)}`).replace(/\/+$/, "");
}

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
