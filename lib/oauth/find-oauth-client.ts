import "server-only";
import type { JWK } from "jose";
import { db } from "@/lib/db/prisma";
import { clientUriLists } from "@/lib/clients/client-uris";
import type { TClientType } from "@/lib/validation/client";

/**
 * A client as the token service sees it: oidc-provider's metadata (the `latchkey_*`
 * properties are ours, declared in extraClientMetadata) plus what authenticates it. The
 * metadata never holds a secret: client_secret is a fixed placeholder, and the real check
 * is against the stored hashes (verify-client-secret.ts).
 */
export const HASHED_SECRET_PLACEHOLDER = "secrets-are-stored-hashed";

export type StoredSecret = { id: string; hash: Buffer; expiresAt: number | null };
export type StoredKey = { id: string; kid: string };
export type TokenServiceClient = { metadata: OAuthClientMetadata; secrets: StoredSecret[]; keys: StoredKey[] };

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

/**
 * One query: the client with everything the token service needs, or undefined. Client Ids
 * are GUIDs, stored in lower case; one given in upper case (as Windows tools write GUIDs)
 * finds the same client. Called only through client-cache.ts, which lets only GUIDs in.
 */
export async function loadTokenServiceClient(clientId: string): Promise<TokenServiceClient | undefined> {
  const client = await db.client.findUnique({
    where: { clientId: clientId.toLowerCase() },
    select: {
      id: true,
      clientId: true,
      name: true,
      type: true,
      securityType: true,
      tokenLifetime: true,
      tokenSigningAlg: true,
      allowRefreshToken: true,
      tenantId: true,
      tenant: { select: { slug: true } },
      environment: { select: { name: true } },
      roles: { select: { role: { select: { name: true } } } },
      uris: { select: { kind: true, uri: true } },
      secrets: { select: { id: true, hash: true, expiresAt: true } },
      keys: { select: { id: true, kid: true, jwk: true }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!client) return undefined;
  const type = client.type as TClientType;
  const uris = clientUriLists(client.uris);
  const signedJwt = type === "client-credentials" && client.securityType === "signed-jwt";

  const metadata: OAuthClientMetadata = {
    client_id: client.clientId,
    client_name: client.name,
    application_type: "web",
    ...grantsOf(type, client.allowRefreshToken),
    redirect_uris: uris.redirectUris.sort(),
    post_logout_redirect_uris: uris.postLogoutRedirectUris.sort(),
    token_endpoint_auth_method: type === "authorization-code" ? "none" : signedJwt ? "private_key_jwt" : "client_secret_basic",
    ...(type !== "authorization-code" && !signedJwt ? { client_secret: HASHED_SECRET_PLACEHOLDER } : {}),
    ...(signedJwt ? { jwks: { keys: client.keys.map((key) => JSON.parse(key.jwk) as JWK) } } : {}),
    id_token_signed_response_alg: client.tokenSigningAlg,
    latchkey_type: type,
    latchkey_client_db_id: client.id,
    latchkey_tenant_id: client.tenantId,
    latchkey_tenant: client.tenant.slug,
    latchkey_roles: client.roles.map((r) => r.role.name).sort(),
    latchkey_environment: client.environment.name,
    latchkey_token_lifetime: client.tokenLifetime,
    latchkey_token_signing_alg: client.tokenSigningAlg,
    latchkey_cors_origins: type === "authorization-code" ? uris.corsOrigins.sort() : [],
  };
  return {
    metadata,
    secrets: signedJwt ? [] : client.secrets.map((s) => ({ id: s.id, hash: Buffer.from(s.hash, "hex"), expiresAt: s.expiresAt?.getTime() ?? null })),
    keys: client.keys.map((k) => ({ id: k.id, kid: k.kid })),
  };
}

/**
 * Whether a client has this id: one small query, about what loadClientSecrets costs, so an
 * unknown id costs what a wrong secret does (client-lookup.ts); the whole client is read
 * only for ids that exist.
 */
export async function clientIdExists(clientId: string): Promise<boolean> {
  return !!(await db.client.findUnique({ where: { clientId: clientId.toLowerCase() }, select: { id: true } }));
}

/** The client's secrets as the database has them now, by the client's row id: one small query. */
export async function loadClientSecrets(clientDbId: string): Promise<StoredSecret[]> {
  const rows = await db.clientSecret.findMany({ where: { clientId: clientDbId }, select: { id: true, hash: true, expiresAt: true } });
  return rows.map((s) => ({ id: s.id, hash: Buffer.from(s.hash, "hex"), expiresAt: s.expiresAt?.getTime() ?? null }));
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
