import "server-only";
import type Provider from "oidc-provider";
import { errors, type KoaContextWithOIDC } from "oidc-provider";
import { addressKey, clientKey, type AuthFailureLimiter } from "./auth-failure-limiter";
import type { TokenServiceClient } from "./find-oauth-client";
import { currentContext } from "./oidc-provider-internals";

/** Endpoints where clients authenticate (oidc-provider's route names). */
const CLIENT_AUTH_ROUTES = new Set(["token", "introspection", "revocation"]);

class TooManyFailures extends errors.OIDCProviderError {
  constructor(retryAfter: number) {
    super(429, "too_many_requests");
    Object.assign(this, { error_description: `too many failed client authentications; retry in ${retryAfter} seconds` });
  }
}

type Attempt = { counted: string[] };
const ATTEMPT = Symbol("latchkey client authentication");

/**
 * Failed client authentications, limited per source address and per client id. Both are
 * decided on oidc-provider's own terms, so no spelling of a path or Accept header escapes:
 * - the check runs where the provider looks up the client that is authenticating (called
 *   from client-lookup.ts), and answers 429 with Retry-After; true when this lookup is that;
 * - the count runs on the provider's error events for the three endpoints.
 * Only a client that authenticates with a secret (or an unknown id) is counted under its
 * id: a public client or a signed-JWT client has nothing to guess, so failures in its
 * name would only let anyone lock it out. Its failures still count against the address.
 */
export function checkAuthenticationAttempt(limiter: AuthFailureLimiter, clientId: string, client: TokenServiceClient | undefined): boolean {
  const ctx = currentContext<{ [ATTEMPT]?: Attempt }>();
  // Only the caller's own lookup: later lookups (introspection finds a token's client) are not attempts.
  if (!ctx?.oidc || !CLIENT_AUTH_ROUTES.has(ctx.oidc.route) || ctx[ATTEMPT] || ctx.oidc.entities.Client) return false;
  const guessable = !client || client.metadata.token_endpoint_auth_method === "client_secret_basic";
  const counted = [addressKey(ctx.ip), ...(guessable ? [clientKey(clientId)] : [])];
  ctx[ATTEMPT] = { counted };
  const wait = limiter.retryAfter(counted);
  if (wait) {
    ctx.set("Retry-After", String(wait));
    throw new TooManyFailures(wait);
  }
  return true;
}

export function countFailedAuthentications(provider: Provider, limiter: AuthFailureLimiter): void {
  const count = (ctx: KoaContextWithOIDC & { [ATTEMPT]?: Attempt }, error: { error?: string }) => {
    if (error.error !== "invalid_client") return;
    // A request that never named a client still fails from its address.
    limiter.fail(ctx[ATTEMPT]?.counted ?? [addressKey(ctx.ip)]);
  };
  provider.on("grant.error", count);
  provider.on("introspection.error", count);
  provider.on("revocation.error", count);
}
