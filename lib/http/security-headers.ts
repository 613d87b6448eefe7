// The security headers every response carries, whoever wrote it (the portal's pages, its
// API routes and static files, the token service): lib/server/start-server.ts adds each
// one the handler did not set itself. Pages set their own Content-Security-Policy (a nonce,
// proxy.ts; the token service, lib/oauth/token-service-headers.ts); anything else gets the
// strictest one, as none of it is meant to run or be framed.
import type { ServerResponse } from "node:http";
import { siteSecurity } from "./site-security";

/** A Content-Security-Policy from its directives, in order (sources deduplicated). */
export function formatCsp(directives: Record<string, readonly string[] | false | undefined>): string {
  return Object.entries(directives)
    .filter((entry): entry is [string, readonly string[]] => !!entry[1])
    .map(([name, sources]) => [name, ...new Set(sources)].join(" "))
    .join("; ");
}

export const STRICTEST_CSP = formatCsp({ "default-src": ["'none'"], "frame-ancestors": ["'none'"], "base-uri": ["'none'"], "form-action": ["'none'"] });

export function securityHeaders(baseUrl: string): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": STRICTEST_CSP,
    "X-Content-Type-Options": "nosniff",
    // Tokens and codes travel in URLs (authorization responses, the portal's own paths
    // name tenants and clients): no other site learns them from a Referer.
    "Referrer-Policy": "no-referrer",
    // The portal and token service use none of these; a script that got in could not either.
    "Permissions-Policy": [
      "accelerometer",
      "autoplay",
      "camera",
      "display-capture",
      "encrypted-media",
      "fullscreen",
      "geolocation",
      "gyroscope",
      "hid",
      "magnetometer",
      "microphone",
      "midi",
      "payment",
      "picture-in-picture",
      "publickey-credentials-get",
      "screen-wake-lock",
      "serial",
      "usb",
      "xr-spatial-tracking",
    ]
      .map((feature) => `${feature}=()`)
      .join(", "),
  };
  // Not includeSubDomains: the company's other hosts under the same domain are not ours to pin.
  if (siteSecurity(baseUrl).https) headers["Strict-Transport-Security"] = "max-age=31536000";
  return headers;
}

/**
 * The portal's own responses only: its session cookie is SameSite=None on https and
 * loopback (silent renew), so no other site may embed them as resources or keep a window
 * handle on its pages. Not the token service's: its discovery, keys, token and userinfo
 * answers are read by applications on other sites (CORS), and its authorization pages
 * are framed and opened by them.
 */
export const PORTAL_ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  "Cross-Origin-Resource-Policy": "same-origin",
  "Cross-Origin-Opener-Policy": "same-origin",
};

/**
 * Adds each of `headers` that the response has not set by the time it is written, and
 * `X-Frame-Options: DENY` (for browsers without frame-ancestors) wherever the final policy
 * lets nothing frame the response.
 */
export function addMissingHeaders(res: ServerResponse, headers: Record<string, string>): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse["writeHead"]>) {
    for (const [name, value] of Object.entries(headers)) if (!this.hasHeader(name)) this.setHeader(name, value);
    if (/(^|;)\s*frame-ancestors 'none'\s*(;|$)/.test(String(this.getHeader("Content-Security-Policy")))) this.setHeader("X-Frame-Options", "DENY");
    return writeHead.apply(this, args);
  } as ServerResponse["writeHead"];
}
