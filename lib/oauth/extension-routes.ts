import "server-only";
import type { KoaContextWithOIDC } from "oidc-provider";
import type { AuthFailureLimiter } from "./auth-failure-limiter";
import { failedAuthenticationLimit } from "./failed-authentication-limit";
import { INTERACTION_ROUTE } from "./interaction";
import { portalSignOut } from "./portal-sign-out";
import { rfc6749ErrorCodes } from "./rfc6749-error-codes";

type Middleware = (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>;

/**
 * What Latchkey adds around oidc-provider, each where it belongs (paths are below
 * /identity). One dispatch by path, so a token request passes through only what concerns
 * it: the failed-authentication limit and RFC 6749's error codes.
 */
export function extensionRoutes({ limiter, structuredTokens, interaction }: { limiter: AuthFailureLimiter; structuredTokens: Middleware; interaction: Middleware }): Middleware {
  const limit = failedAuthenticationLimit(limiter);
  return async (ctx, next) => {
    const path = ctx.path;
    if (ctx.method === "POST" && (path === "/token" || path === "/token/introspection" || path === "/token/revocation")) {
      // Introspection and revocation of our JWT access tokens (structured-tokens.ts) happen inside the limit.
      return limit(ctx, () => rfc6749ErrorCodes(ctx, path === "/token" ? next : () => structuredTokens(ctx, next)));
    }
    if (path === "/me") return structuredTokens(ctx, next);
    if (path === "/session/end/confirm") return portalSignOut(ctx, next);
    if (INTERACTION_ROUTE.test(path)) return interaction(ctx, next);
    return next();
  };
}
