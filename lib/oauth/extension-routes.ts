import "server-only";
import type { KoaContextWithOIDC } from "oidc-provider";
import { INTERACTION_ROUTE } from "./identity-paths";
import { askBeforePortalSignOut, signOutOfPortal } from "./portal-sign-out";
import { correctErrorCode } from "./rfc6749-error-codes";
import type { StructuredTokens } from "./structured-tokens";

type Middleware = (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>;

/**
 * What Latchkey adds around oidc-provider, in one middleware (paths are below /identity):
 * the sign-in interaction and userinfo for JWT access tokens are answered here; the rest
 * adjusts oidc-provider's answer afterwards, by the route oidc-provider itself matched
 * (its router ignores letter case and a trailing slash, so no spelling of a path escapes).
 */
export function extensionRoutes({ tokens, interaction }: { tokens: StructuredTokens; interaction: Middleware }): Middleware {
  return async (ctx, next) => {
    if (INTERACTION_ROUTE.test(ctx.path)) return interaction(ctx, next);
    const userinfoJwt = tokens.userinfoJwt(ctx);
    if (userinfoJwt) return tokens.userinfo(ctx, userinfoJwt);
    await next();
    switch (ctx.oidc?.route) {
      case "token":
        return correctErrorCode(ctx);
      case "introspection":
      case "revocation":
        correctErrorCode(ctx);
        return tokens.afterProvider(ctx);
      case "end_session":
        return askBeforePortalSignOut(ctx);
      case "end_session_confirm":
        return signOutOfPortal(ctx);
    }
  };
}
