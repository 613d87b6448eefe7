// The portal's Content-Security-Policy (proxy.ts sets it on every page request). Scripts
// run only with the request's nonce (Next.js puts it on its own scripts when it finds the
// nonce in the request's CSP header, node_modules/next/dist/docs/01-app/02-guides/
// content-security-policy.md) and what they load ('strict-dynamic'): no 'unsafe-inline'.
import { formatCsp } from "./security-headers";
import { siteSecurity } from "./site-security";

export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

export function portalCsp({ nonce, baseUrl, dev }: { nonce: string; baseUrl: string; dev: boolean }): string {
  return formatCsp({
    "default-src": ["'self'"],
    // Next's development server evaluates code (React's error overlays); production never does.
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    // Tailwind's stylesheet is a file; Next's few inline styles carry the nonce (in
    // development it injects styles that do not).
    "style-src": ["'self'", dev ? "'unsafe-inline'" : `'nonce-${nonce}'`],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "upgrade-insecure-requests": siteSecurity(baseUrl).https && [],
  });
}
