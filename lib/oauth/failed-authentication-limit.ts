import "server-only";
import type Provider from "oidc-provider";
import { errors, type KoaContextWithOIDC } from "oidc-provider";
import { clientAuthenticationFailures, rateLimited, type AuthFailureReason } from "@/lib/metrics/metrics";
import { addressKeys, clientAddressKey, type AuthFailureLimiter } from "./auth-failure-limiter";
import { noteClientAuthFailure } from "./client-auth-failures";
import type { TokenServiceClient } from "./find-oauth-client";
import { currentContext } from "./oidc-provider-internals";

/** Endpoints where clients authenticate (oidc-provider's route names). */
const CLIENT_AUTH_ROUTES = new Set(["token", "introspection", "revocation"]);

const tooManyFailures = (retryAfter: number) => `too many failed client authentications; retry in ${retryAfter} seconds`;

class TooManyFailures extends errors.OIDCProviderError {
  constructor(retryAfter: number) {
    super(429, "too_many_requests");
    Object.assign(this, { error_description: tooManyFailures(retryAfter) });
  }
}

type Attempt = { counted: string[]; client: TokenServiceClient | undefined };
const ATTEMPT = Symbol("latchkey client authentication");
const CORS_REFUSED = Symbol("latchkey CORS refused");
// The count of this request's failure: resolves to the seconds to wait if it found a key already over its limit.
const COUNTED = Symbol("latchkey failure counted");
type FailureContext = KoaContextWithOIDC & { [ATTEMPT]?: Attempt; [CORS_REFUSED]?: boolean; [COUNTED]?: Promise<number> };

/**
 * Failed client authentications, limited per source address and per client id from one
 * address (never per client id alone: ids are public, so anyone could lock a client out;
 * client-auth-failures.ts keeps a per-client count to audit and show instead). Both are
 * decided on oidc-provider's own terms, so no spelling of a path or Accept header escapes:
 * - the block is checked where the provider looks up the client that is authenticating
 *   (client-lookup.ts), before the lookup reaches the database (refuseBlockedAttempt), and
 *   answers 429 with Retry-After; startAuthenticationAttempt then notes what to count;
 * - the count runs on the provider's error events for the three endpoints.
 * Only a client that authenticates with a secret (or an unknown id) is counted under its
 * id: a public client or a signed-JWT client has nothing to guess. Its failures still
 * count against the address.
 */
function attemptContext() {
  const ctx = currentContext<{ [ATTEMPT]?: Attempt }>();
  // Only the caller's own lookup: later lookups (introspection finds a token's client) are not attempts.
  if (!ctx?.oidc || !CLIENT_AUTH_ROUTES.has(ctx.oidc.route) || ctx[ATTEMPT] || ctx.oidc.entities.Client) return undefined;
  return ctx;
}

/** Throws 429 (with Retry-After) when the caller's address, or this id from it, failed too often. */
export function refuseBlockedAttempt(limiter: AuthFailureLimiter, clientId: string): void {
  const ctx = attemptContext();
  if (!ctx) return;
  const wait = limiter.retryAfter([...addressKeys(ctx.ip), clientAddressKey(clientId, ctx.ip)]);
  if (wait) {
    ctx.set("Retry-After", String(wait));
    rateLimited.inc();
    throw new TooManyFailures(wait);
  }
}

/** Notes what a failure of this authentication counts against; true when this lookup is the caller's own. */
export function startAuthenticationAttempt(clientId: string, client: TokenServiceClient | undefined): boolean {
  const ctx = attemptContext();
  if (!ctx) return false;
  const guessable = !client || client.metadata.token_endpoint_auth_method === "client_secret_basic";
  ctx[ATTEMPT] = { counted: [...addressKeys(ctx.ip), ...(guessable ? [clientAddressKey(clientId, ctx.ip)] : [])], client };
  return true;
}

/**
 * A CORS refusal at these endpoints names the client, so it is counted like a wrong secret
 * (or it would test ids for free); clientBasedCORS calls this when it refuses.
 */
export function noteCorsRefusal(ctx: KoaContextWithOIDC): void {
  if (CLIENT_AUTH_ROUTES.has(ctx.oidc.route)) (ctx as { [CORS_REFUSED]?: boolean })[CORS_REFUSED] = true;
}

/**
 * Every failed client authentication at the three endpoints (invalid_client, or a CORS
 * refusal, which names the client) is answered no sooner than `minMs` after its request
 * began, so an unknown id, a known client read cold from the database, a wrong secret and
 * a method that does not fit the client all take the same time. `minMs` is set above the
 * slowest of those paths (npm run bench:timing prints their p99). A failure whose count
 * found the key already over its limit (another instance blocked it within the last
 * second) is answered 429, as it would have been there.
 */
export function delayFailedAuthentications(minMs: number) {
  return async (ctx: FailureContext, next: () => Promise<void>): Promise<void> => {
    const started = performance.now();
    await next();
    if (!ctx.oidc || !CLIENT_AUTH_ROUTES.has(ctx.oidc.route)) return;
    // Counted, whatever the answer's format (an HTML error page too), or a refusal as one.
    const failed =
      ctx[COUNTED] !== undefined || ctx[CORS_REFUSED] || (ctx.status === 401 && (ctx.body as { error?: unknown } | undefined)?.error === "invalid_client");
    if (!failed) return;
    // The count is in the database before the answer leaves, so the caller's next try meets it.
    const retryAfter = await ctx[COUNTED];
    const wait = minMs - (performance.now() - started);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (!retryAfter) return;
    rateLimited.inc();
    ctx.remove("WWW-Authenticate");
    ctx.set("Retry-After", String(retryAfter));
    ctx.status = 429;
    ctx.body = { error: "too_many_requests", error_description: tooManyFailures(retryAfter) };
  };
}

/** Why an authentication failed, for the metrics (a closed set). */
function failureReason(ctx: FailureContext, error: { error_detail?: string }): AuthFailureReason {
  const attempt = ctx[ATTEMPT];
  if (ctx[CORS_REFUSED]) return "cors_refused";
  if (!attempt) return "other";
  if (!attempt.client) return "unknown_client";
  if (error.error_detail?.includes("does not match the registered client authentication method")) return "wrong_method";
  return attempt.client.metadata.token_endpoint_auth_method === "private_key_jwt" ? "bad_assertion" : "wrong_secret";
}

export function countFailedAuthentications(provider: Provider, limiter: AuthFailureLimiter, alertPerClient: number): void {
  const count = (ctx: FailureContext, error: { error?: string; error_detail?: string }) => {
    if (error.error !== "invalid_client" && !ctx[CORS_REFUSED]) return;
    const attempt = ctx[ATTEMPT];
    clientAuthenticationFailures.inc({ reason: failureReason(ctx, error) });
    // A request that never named a client still fails from its address.
    ctx[COUNTED] = limiter.fail(attempt?.counted ?? addressKeys(ctx.ip));
    if (attempt?.client) noteClientAuthFailure(attempt.client.metadata, alertPerClient);
  };
  provider.on("grant.error", count);
  provider.on("introspection.error", count);
  provider.on("revocation.error", count);
}
