import "server-only";
import type { JWK } from "jose";
import { databaseKind } from "@/lib/db/database-url";
import { readRows, utcMillis } from "@/lib/db/read-rows";
import { clientUriLists } from "@/lib/clients/client-uris";
import type { TClientType } from "@/lib/validation/client";

/**
 * A client as the token service sees it: oidc-provider's metadata (the `latchkey_*`
 * properties are ours, declared in extraClientMetadata) plus what authenticates it. The
 * metadata never holds a secret: client_secret is a fixed placeholder, and the real check
 * is against the stored hashes (verify-client-secret.ts).
 */
export const HASHED_SECRET_PLACEHOLDER = "secrets-are-stored-hashed";

/** `hash` is the SHA-256 as the database holds it, in hex: the cache keeps it in a string (client-cache.ts). */
export type StoredSecret = { id: string; hash: string; expiresAt: number | null };
export type StoredKey = { id: string; kid: string };
/**
 * `shared`, set by the cache (client-cache.ts), is what the client has in common with others of
 * its tenant, environment, roles and kind: one object for all of them, so what depends on those
 * alone (client-instance.ts) is worked out once.
 */
export type TokenServiceClient = { metadata: OAuthClientMetadata; secrets: StoredSecret[]; keys: StoredKey[]; shared?: object };

export type OAuthClientMetadata = {
  client_id: string;
  client_name: string;
  client_secret?: string;
  application_type: "web";
  grant_types: string[];
  response_types: string[];
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  token_endpoint_auth_method: "client_secret_basic" | "private_key_jwt" | "none";
  id_token_signed_response_alg: string;
  jwks?: { keys: JWK[] };
  latchkey_type: TClientType;
  latchkey_client_db_id: string;
  latchkey_tenant_id: string;
  latchkey_tenant: string;
  latchkey_roles: string[];
  latchkey_environment: string;
  latchkey_token_lifetime: number;
  latchkey_token_signing_alg: string;
  /** Origins a browser may call the token service from (authorization code clients). */
  latchkey_cors_origins: string[];
};

/** The properties above that are ours, for oidc-provider's extraClientMetadata. */
export const LATCHKEY_CLIENT_PROPERTIES = [
  "latchkey_type",
  "latchkey_client_db_id",
  "latchkey_tenant_id",
  "latchkey_tenant",
  "latchkey_roles",
  "latchkey_environment",
  "latchkey_token_lifetime",
  "latchkey_token_signing_alg",
  "latchkey_cors_origins",
] as const;

type ClientRow = {
  id: string;
  clientId: string;
  name: string;
  type: string;
  securityType: string;
  tokenLifetime: number;
  tokenSigningAlg: string;
  allowRefreshToken: boolean | number;
  tenantId: string;
  tenantSlug: string;
  environmentName: string;
};
// A client's secrets, keys, roles and URIs in one result: `value` is a secret's hash, a key's
// kid, a role's name or a URI; `extra` a key's JWK or a URI's kind; `at` a secret's expiry or
// a key's creation, as text (read-rows.ts).
type PartRow = { part: "secret" | "key" | "role" | "uri"; partId: string; value: string; extra: string | null; at: string | null };

const CLIENT_SQL = `
  SELECT c."id", c."clientId", c."name", c."type", c."securityType", c."tokenLifetime", c."tokenSigningAlg", c."allowRefreshToken",
    c."tenantId", t."slug" AS "tenantSlug", e."name" AS "environmentName"
  FROM "Client" c JOIN "Tenant" t ON t."id" = c."tenantId" JOIN "Environment" e ON e."id" = c."environmentId"
  WHERE c."clientId" = $1`;
/** The parts of the client whose row id is `owner` (a parameter, or a subquery). */
const partsSql = (owner: string) => `
  SELECT 'secret' AS "part", s."id" AS "partId", s."hash" AS "value", NULL AS "extra", CAST(s."expiresAt" AS TEXT) AS "at" FROM "ClientSecret" s WHERE s."clientId" = ${owner}
  UNION ALL SELECT 'key', k."id", k."kid", k."jwk", CAST(k."createdAt" AS TEXT) FROM "ClientKey" k WHERE k."clientId" = ${owner}
  UNION ALL SELECT 'role', r."id", r."name", NULL, NULL FROM "ClientRole" cr JOIN "Role" r ON r."id" = cr."roleId" WHERE cr."clientId" = ${owner}
  UNION ALL SELECT 'uri', u."id", u."uri", u."kind", NULL FROM "ClientUri" u WHERE u."clientId" = ${owner}`;
const PARTS_SQL = partsSql("$1");
// On PostgreSQL both in one query, one round trip: the client's row once per part, or once
// with no part (a client's first request is most requests of a tenant whose devices each
// fetch a token per lifetime). Not on SQLite, which has no round trip to save and took
// twice as long over this query as over the two (its plan looks the client up per part).
const CLIENT_WITH_PARTS_SQL = `WITH c AS (${CLIENT_SQL}) SELECT c.*, p.* FROM c LEFT JOIN (${partsSql(`(SELECT "id" FROM c)`)}) p ON TRUE`;
const ONE_QUERY = databaseKind(process.env) === "postgres";
const SECRETS_SQL = `SELECT s."id", s."hash", CAST(s."expiresAt" AS TEXT) AS "expiresAt" FROM "ClientSecret" s WHERE s."clientId" = $1`;

/**
 * The client with everything the token service needs, or undefined: one or two hand-written
 * queries on the driver (read-rows.ts), where Prisma's nested select made nine (one per
 * relation, each compiled and run apart: 9.5 ms a client with 100,000 of them, and a device
 * that fetches one token per lifetime always finds its client uncached). An unknown id
 * costs one query, finding nothing, about what loadClientSecrets costs (client-lookup.ts
 * says why that matters). Client Ids are GUIDs, stored in lower case; one given in upper
 * case (as Windows tools write GUIDs) finds the same client. Called only through
 * client-cache.ts, which lets only GUIDs in.
 */
export async function loadTokenServiceClient(clientId: string): Promise<TokenServiceClient | undefined> {
  const found = await readClient(clientId.toLowerCase());
  if (!found) return undefined;
  const { client, parts } = found;
  const of = (part: PartRow["part"]) => parts.filter((row) => row.part === part);
  const keys = of("key").sort((a, b) => utcMillis(a.at)! - utcMillis(b.at)! || a.partId.localeCompare(b.partId));
  const type = client.type as TClientType;
  const uris = clientUriLists(of("uri").map((row) => ({ kind: row.extra!, uri: row.value })));
  const signedJwt = type === "client-credentials" && client.securityType === "signed-jwt";

  const metadata: OAuthClientMetadata = {
    client_id: client.clientId,
    client_name: client.name,
    application_type: "web",
    ...grantsOf(type, Boolean(client.allowRefreshToken)),
    redirect_uris: uris.redirectUris.sort(),
    post_logout_redirect_uris: uris.postLogoutRedirectUris.sort(),
    token_endpoint_auth_method: type === "authorization-code" ? "none" : signedJwt ? "private_key_jwt" : "client_secret_basic",
    ...(type !== "authorization-code" && !signedJwt ? { client_secret: HASHED_SECRET_PLACEHOLDER } : {}),
    ...(signedJwt ? { jwks: { keys: keys.map((key) => JSON.parse(key.extra!) as JWK) } } : {}),
    id_token_signed_response_alg: client.tokenSigningAlg,
    latchkey_type: type,
    latchkey_client_db_id: client.id,
    latchkey_tenant_id: client.tenantId,
    latchkey_tenant: client.tenantSlug,
    latchkey_roles: of("role")
      .map((row) => row.value)
      .sort(),
    latchkey_environment: client.environmentName,
    latchkey_token_lifetime: Number(client.tokenLifetime),
    latchkey_token_signing_alg: client.tokenSigningAlg,
    latchkey_cors_origins: type === "authorization-code" ? uris.corsOrigins.sort() : [],
  };
  return {
    metadata,
    secrets: signedJwt ? [] : of("secret").map((row) => storedSecret(row.partId, row.value, row.at)),
    keys: keys.map((row) => ({ id: row.partId, kid: row.value })),
  };
}

async function readClient(clientId: string): Promise<{ client: ClientRow; parts: PartRow[] } | undefined> {
  if (ONE_QUERY) {
    const rows = await readRows<ClientRow & (PartRow | { part: null })>(CLIENT_WITH_PARTS_SQL, [clientId]);
    return rows[0] && { client: rows[0], parts: rows.filter((row): row is ClientRow & PartRow => row.part !== null) };
  }
  const [client] = await readRows<ClientRow>(CLIENT_SQL, [clientId]);
  return client && { client, parts: await readRows<PartRow>(PARTS_SQL, [client.id]) };
}

/** The client's secrets as the database has them now, by the client's row id: one small query. */
export async function loadClientSecrets(clientDbId: string): Promise<StoredSecret[]> {
  const rows = await readRows<{ id: string; hash: string; expiresAt: string | null }>(SECRETS_SQL, [clientDbId]);
  return rows.map((s) => storedSecret(s.id, s.hash, s.expiresAt));
}

/** A secret row as the token service compares it: the expiry in milliseconds. */
function storedSecret(id: string, hash: string, expiresAt: string | null): StoredSecret {
  return { id, hash, expiresAt: utcMillis(expiresAt) };
}

/**
 * What each type may do (seed 003): client-credentials only gets tokens for itself;
 * authorization code clients are browser apps (code + PKCE, never a refresh token);
 * hybrid clients are server-side apps (code or code id_token, refresh tokens if allowed).
 */
function grantsOf(type: TClientType, allowRefreshToken: boolean): { grant_types: string[]; response_types: string[] } {
  switch (type) {
    case "client-credentials":
      return { grant_types: ["client_credentials"], response_types: [] };
    case "authorization-code":
      return { grant_types: ["authorization_code"], response_types: ["code"] };
    case "hybrid":
      return {
        // "implicit" is how oidc-provider names the front-channel id_token of "code id_token".
        grant_types: ["authorization_code", "implicit", ...(allowRefreshToken ? ["refresh_token"] : [])],
        response_types: ["code id_token", "code"],
      };
  }
}
