import "server-only";
import type Provider from "oidc-provider";
import { errors, type KoaContextWithOIDC } from "oidc-provider";
import { addressKey, clientAddressKey, type AuthFailureLimiter } from "./auth-failure-limiter";
import { noteClientAuthFailure } from "./client-auth-failures";
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

type Attempt = { counted: string[]; client: TokenServiceClient | undefined };
const ATTEMPT = Symbol("latchkey client authentication");

/**
 * Failed client authentications, limited per source address and per client id from one
 * address (never per client id alone: ids are public, so anyone could lock a client out;
 * client-auth-failures.ts keeps a per-client count to audit and show instead). Both are
 * decided on oidc-provider's own terms, so no spelling of a path or Accept header escapes:
 * - the check runs where the provider looks up the client that is authenticating (called
 *   from client-lookup.ts), and answers 429 with Retry-After; true when this lookup is that;
 * - the count runs on the provider's error events for the three endpoints.
 * Only a client that authenticates with a secret (or an unknown id) is counted under its
 * id: a public client or a signed-JWT client has nothing to guess. Its failures still
 * count against the address.
 */
export function checkAuthenticationAttempt(limiter: AuthFailureLimiter, clientId: string, client: TokenServiceClient | undefined): boolean {
  const ctx = currentContext<{ [ATTEMPT]?: Attempt }>();
  // Only the caller's own lookup: later lookups (introspection finds a token's client) are not attempts.
  if (!ctx?.oidc || !CLIENT_AUTH_ROUTES.has(ctx.oidc.route) || ctx[ATTEMPT] || ctx.oidc.entities.Client) return false;
  const guessable = !client || client.metadata.token_endpoint_auth_method === "client_secret_basic";
  const counted = [addressKey(ctx.ip), ...(guessable ? [clientAddressKey(clientId, ctx.ip)] : [])];
  ctx[ATTEMPT] = { counted, client };
  const wait = limiter.retryAfter(counted);
  if (wait) {
    ctx.set("Retry-After", String(wait));
    throw new TooManyFailures(wait);
  }
  return true;
}

export function countFailedAuthentications(provider: Provider, limiter: AuthFailureLimiter, alertPerClient: number): void {
  const count = (ctx: KoaContextWithOIDC & { [ATTEMPT]?: Attempt }, error: { error?: string }) => {
    if (error.error !== "invalid_client") return;
    const attempt = ctx[ATTEMPT];
    // A request that never named a client still fails from its address.
    limiter.fail(attempt?.counted ?? [addressKey(ctx.ip)]);
    if (attempt?.client) noteClientAuthFailure(attempt.client.metadata, alertPerClient);
  };
  provider.on("grant.error", count);
  provider.on("introspection.error", count);
  provider.on("revocation.error", count);
}
