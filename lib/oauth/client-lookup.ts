import "server-only";
import type Provider from "oidc-provider";
import type { AuthFailureLimiter } from "./auth-failure-limiter";
import { findCachedClient, reloadClient } from "./client-cache";
import { checkAuthenticationAttempt } from "./failed-authentication-limit";
import type { TokenServiceClient } from "./find-oauth-client";
import { verifyClientSecret } from "./verify-client-secret";

type ClientInstance = InstanceType<Provider["Client"]>;

/**
 * A presented client secret against the client's hashed ones. One that does not match is
 * checked again against the database: a secret added within the cache's second must work
 * at once for the application that just got it.
 */
export async function compareClientSecret(client: ClientInstance, presented: string): Promise<boolean> {
  const cached = await findCachedClient(client.clientId);
  if (cached && verifyClientSecret(cached.secrets, presented)) return true;
  const fresh = await reloadClient(client.clientId);
  return !!fresh && verifyClientSecret(fresh.secrets, presented);
}

/**
 * How the token service finds a client by id (oidc-provider's Client.find, wrapped):
 * - a client that authenticates is refused first if its address failed too often
 *   (failed-authentication-limit.ts);
 * - an unknown id that authenticates is looked up again in the database, the same work a
 *   wrong secret costs (compareClientSecret), so timing does not tell whether an id exists
 *   (npm run bench:timing measures it); a client created within the cache's second works too;
 * - oidc-provider validates adapter clients into Client objects and keeps only the last
 *   100, so with more clients in use every token would validate its client's metadata
 *   again. Each Client is kept for as long as our cache keeps the record it was built from:
 *   a new record (any change to the tenant) builds a new Client.
 */
export function clientLookup(limiter: AuthFailureLimiter) {
  const built = new WeakMap<TokenServiceClient, ClientInstance>();
  return async (id: string, find: (id: string) => Promise<ClientInstance | undefined>): Promise<ClientInstance | undefined> => {
    let record = await findCachedClient(id);
    const authenticating = checkAuthenticationAttempt(limiter, id, record);
    if (!record && authenticating) record = await reloadClient(id);
    if (!record) return undefined;
    let client = built.get(record);
    if (!client) {
      client = await find(id);
      if (client) built.set(record, client);
    }
    return client;
  };
}
