import "server-only";
import type { ServerResponse } from "node:http";
import type { KoaContextWithOIDC } from "oidc-provider";
import { formatCsp } from "@/lib/http/security-headers";
import { siteSecurity } from "@/lib/http/site-security";
import type { LatchkeyClient } from "./latchkey-client";
import { PAGE_STYLE_SOURCE } from "./pages";

type Middleware = (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>;

// The authorization endpoint's own routes: an application renews its tokens by opening
// them in a hidden iframe (prompt=none), so they may be framed, by that application only.
const FRAMEABLE_ROUTES = new Set(["authorization", "resume"]);

/**
 * The token service's Content-Security-Policy, and its cookies made cross-site where the
 * base URL allows (lib/http/site-security.ts). Its pages (pages.ts) are one inline
 * stylesheet, allowed by hash, and no script; the only script it ever sends is the
 * form_post auto-submit, whose hash oidc-provider adds to script-src itself when it
 * renders it. Forms go to the token service itself and, from the client's pages, on to
 * the client's registered redirect and logout URLs (form_post posts there; the sign-out
 * confirmation redirects there, which Chromium checks against form-action too).
 */
export function tokenServiceHeaders(baseUrl: string): Middleware {
  const crossSiteCookies = siteSecurity(baseUrl).crossSiteCookies;
  // Worked out once: most answers (every token, for one) carry it unchanged.
  const defaultCsp = csp([], ["'none'"], ["'self'"]);
  return async (ctx, next) => {
    if (crossSiteCookies) secureSameSiteNoneCookies(ctx.res);
    ctx.set("Content-Security-Policy", defaultCsp);
    await next();
    const client = ctx.oidc?.client as LatchkeyClient | undefined;
    const sent = ctx.response.get("Content-Security-Policy");
    const scriptHashes = sent === defaultCsp ? [] : (/script-src([^;]*)/.exec(sent)?.[1]?.match(/'sha256-[^']+'/g) ?? []);
    const frameable = !!client && FRAMEABLE_ROUTES.has(ctx.oidc.route);
    const clientOrigins = client ? origins([...client.redirectUris!, ...(client.postLogoutRedirectUris ?? [])]) : [];
    const unchanged = scriptHashes.length === 0 && !frameable && clientOrigins.length === 0;
    ctx.set(
      "Content-Security-Policy",
      unchanged ? defaultCsp : csp(scriptHashes, frameable ? frameAncestors(client) : ["'none'"], ["'self'", ...clientOrigins]),
    );
  };
}

/** A client's registered redirect-URL origins and CORS origins: who may frame its authorization requests. */
export function frameAncestors(client: Pick<LatchkeyClient, "redirectUris" | "latchkey_cors_origins">): string[] {
  const allowed = origins([...(client.redirectUris ?? []), ...(client.latchkey_cors_origins ?? [])]);
  return allowed.length ? allowed : ["'none'"];
}

function csp(scriptHashes: string[], ancestors: string[], formAction: string[]): string {
  return formatCsp({
    "default-src": ["'none'"],
    "script-src": scriptHashes.length ? scriptHashes : ["'none'"],
    "style-src": [PAGE_STYLE_SOURCE],
    "img-src": ["'self'"],
    "base-uri": ["'none'"],
    "form-action": formAction,
    "frame-ancestors": ancestors,
  });
}

function origins(urls: readonly string[]): string[] {
  return [...new Set(urls.flatMap((url) => URL.parse(url)?.origin ?? []).filter((origin) => origin !== "null"))];
}

/**
 * oidc-provider's cookies are configured SameSite=None (create-provider.ts), but Koa's
 * cookie library refuses to set a Secure cookie over a connection it does not know to be
 * TLS, which is what loopback development and a TLS proxy the service is not told to trust
 * look like. Browsers drop SameSite=None without Secure, so Secure is added on the way out.
 */
function secureSameSiteNoneCookies(res: ServerResponse): void {
  const setHeader = res.setHeader;
  res.setHeader = function (this: ServerResponse, name: string, value: number | string | readonly string[]) {
    if (name.toLowerCase() === "set-cookie") {
      const cookies = (Array.isArray(value) ? value : [String(value)]) as string[];
      value = cookies.map((cookie) => (/;\s*samesite=none/i.test(cookie) && !/;\s*secure(;|$)/i.test(cookie) ? `${cookie}; secure` : cookie));
    }
    return setHeader.call(this, name, value);
  } as ServerResponse["setHeader"];
}
