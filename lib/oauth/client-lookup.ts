import "server-only";
import { randomBytes } from "node:crypto";
import type Provider from "oidc-provider";
import type { AuthFailureLimiter } from "./auth-failure-limiter";
import { findCachedClient, lookUpClient, reloadClient } from "./client-cache";
import { refuseBlockedAttempt, startAuthenticationAttempt } from "./failed-authentication-limit";
import { loadClientSecrets, type TokenServiceClient } from "./find-oauth-client";
import { clientInstances } from "./client-instance";
import { clientFromMetadata, currentContext } from "./oidc-provider-internals";
import { verifyClientSecret } from "./verify-client-secret";

type ClientInstance = InstanceType<Provider["Client"]>;
// Noted per request by its client's lookup: the record found (compareClientSecret needs its
// secrets, and unpacking a cached client twice per token is measurable), and whether it was
// read from the database just now rather than the cache. Beside the request's context, not
// on it, so nothing that prints a context prints secret hashes.
const lookedUpFor = new WeakMap<object, { record: TokenServiceClient | undefined; fresh: boolean }>();
// Stand-ins for unknown ids (clientLookup): server-side secret clients no secret can match.
// Each request gets one carrying the id it presented, so every answer (the CORS refusal
// names the client) reads as a known client-credentials client's would. Its secret is
// random per process, never the public placeholder, in case anything ever compared it.
const standIns = new WeakSet<ClientInstance>();
const STAND_IN_METADATA = {
  client_id: "unknown-client",
  client_secret: randomBytes(32).toString("base64url"),
  grant_types: ["client_credentials"],
  response_types: [],
  redirect_uris: [],
  token_endpoint_auth_method: "client_secret_basic",
  latchkey_type: "client-credentials",
  latchkey_cors_origins: [],
};

/** Whether this Client stands in for an unknown id: it must never get a token. */
export function isStandIn(client: unknown): boolean {
  return typeof client === "object" && client !== null && standIns.has(client as ClientInstance);
}

/**
 * A presented client secret against the client's hashed ones. One that does not match is
 * checked against the database (unless this request has just read the client from it): a
 * secret added within the cache's second must work at once for the application that just
 * got it.
 */
export async function compareClientSecret(client: ClientInstance, presented: string): Promise<boolean> {
  // Never a match; its one query (the client's row, not found) was the lookup.
  if (standIns.has(client)) return verifyClientSecret([], presented);
  const ctx = currentContext();
  const lookedUp = ctx && lookedUpFor.get(ctx);
  const ours = lookedUp?.record?.metadata.client_id === client.clientId;
  const cached = ours ? lookedUp!.record : await findCachedClient(client.clientId);
  if (cached && verifyClientSecret(cached.secrets, presented)) return true;
  // Read from the database by this very request: nothing newer to look for.
  if (ours && lookedUp!.fresh) return false;
  return !!cached && verifyClientSecret(await loadClientSecrets(cached.metadata.latchkey_client_db_id), presented);
}

/**
 * How the token service finds a client by id (oidc-provider's Client.find, wrapped):
 * - a client that authenticates is refused first if its address failed too often
 *   (failed-authentication-limit.ts);
 * - a failed authentication costs one database query, the same whether the id is unknown
 *   or the secret wrong, so timing does not tell whether an id exists (npm run
 *   bench:timing measures it): a wrong secret is checked against the secrets the database
 *   has now (compareClientSecret), an unknown id is looked up in one query of the same
 *   size (the client's row, find-oauth-client.ts), also when the cache remembered it, and an id the cache has just
 *   looked up is not looked up twice; then it authenticates against a stand-in client that
 *   no secret matches, so oidc-provider does the same work and gives the same answer;
 * - oidc-provider validates adapter clients into Client objects and keeps only the last
 *   100, so with more clients in use every token would validate its client's metadata
 *   again. client-instance.ts makes most of them per request as small objects over one
 *   validated template, and keeps the others as long as our cache keeps the record they
 *   were built from: a new record (any change to the tenant) builds a new Client.
 */
export function clientLookup(provider: Provider, limiter: AuthFailureLimiter) {
  const instanceOf = clientInstances(provider);
  let standIn: ClientInstance | undefined;
  return async (id: string, find: (id: string) => Promise<ClientInstance | undefined>): Promise<ClientInstance | undefined> => {
    // A blocked address is refused before its lookup can reach the database.
    refuseBlockedAttempt(limiter, id);
    let { client: record, loaded: fresh } = await lookUpClient(id);
    if (startAuthenticationAttempt(id, record)) {
      // An unknown id the cache remembered is looked up again: a query like a wrong secret's,
      // and a client created within the cache's second works at once.
      if (!record && !fresh) [record, fresh] = [await reloadClient(id), true];
      const ctx = currentContext();
      if (ctx) lookedUpFor.set(ctx, { record, fresh });
      if (!record) {
        // An unknown id authenticates against a stand-in, down the same path as a wrong
        // secret, to the same invalid_client answer.
        standIn ??= clientFromMetadata(provider, STAND_IN_METADATA);
        const forThisId = Object.create(standIn, { clientId: { value: id.toLowerCase() } }) as ClientInstance;
        standIns.add(forThisId);
        return forThisId;
      }
    }
    return record && instanceOf(record, () => find(id));
  };
}
