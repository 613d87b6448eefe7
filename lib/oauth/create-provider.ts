import "server-only";
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import type { ServerConfig } from "@/lib/config";
import { createAdapter } from "./database-adapter";
import type { OAuthClientMetadata } from "./find-oauth-client";
import type { KeyMaterial } from "./signing-keys";
import { verifyClientSecret } from "./verify-client-secret";

type LatchkeyClient = Provider["Client"]["prototype"] & Partial<OAuthClientMetadata>;

// No plaintext secrets exist on the server, so nothing may be keyed by a client secret:
// only asymmetric algorithms are enabled (HS256 & co. would use client_secret as the key).
const ASYMMETRIC = ["ES256", "RS256", "PS256", "EdDSA"] as const;

export function createProvider(config: ServerConfig, keys: KeyMaterial): Provider {
  const configuration: Configuration = {
    adapter: createAdapter,
    jwks: keys.jwks as Configuration["jwks"],
    cookies: { keys: keys.cookieKeys },
    extraClientMetadata: {
      properties: ["latchkey_client_db_id", "latchkey_tenant_id", "latchkey_tenant", "latchkey_roles", "latchkey_environment", "latchkey_token_lifetime"],
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: false },
      revocation: { enabled: false },
      resourceIndicators: {
        enabled: true,
        // Tokens are for our APIs: one audience, the default when a client names none.
        defaultResource: () => config.tokenAudience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource, client) => {
          if (resource !== config.tokenAudience) {
            throw new errors.InvalidTarget(`unknown resource; this server issues tokens for ${config.tokenAudience}`);
          }
          return {
            scope: "",
            audience: config.tokenAudience,
            accessTokenTTL: (client as LatchkeyClient).latchkey_token_lifetime ?? 3600,
            accessTokenFormat: "jwt",
            jwt: { sign: { alg: "ES256" } },
          };
        },
      },
    },
    extraTokenClaims: (ctx: KoaContextWithOIDC) => {
      const client = ctx.oidc.client as LatchkeyClient | undefined;
      if (!client) return undefined;
      return {
        tenant_id: client.latchkey_tenant_id,
        tenant: client.latchkey_tenant,
        environment: client.latchkey_environment,
        roles: client.latchkey_roles,
      };
    },
    // The client's own token lifetime, carried by the resource server info above.
    ttl: { ClientCredentials: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? 3600 },
    enabledJWA: {
      clientAuthSigningAlgValues: [...ASYMMETRIC],
      idTokenSigningAlgValues: ["ES256", "RS256"],
      requestObjectSigningAlgValues: [...ASYMMETRIC],
      userinfoSigningAlgValues: ["ES256", "RS256"],
      introspectionSigningAlgValues: ["ES256", "RS256"],
      authorizationSigningAlgValues: ["ES256", "RS256"],
    },
  };

  const provider = new Provider(config.issuer, configuration);
  provider.proxy = process.env.LATCHKEY_TRUST_PROXY === "1";

  // oidc-provider compares client_secret_basic/_post secrets through this method; its
  // maintainer suggests overriding it for hashed secrets (node-oidc-provider#631).
  provider.Client.prototype.compareClientSecret = async function compareClientSecret(this: LatchkeyClient, actual: string) {
    const clientDbId = this.latchkey_client_db_id;
    return typeof clientDbId === "string" && typeof actual === "string" ? verifyClientSecret(clientDbId, actual) : false;
  };

  provider.on("server_error", (_ctx, error) => {
    // The error only: request parameters could carry a client secret.
    console.error("token service error:", error);
  });
  return provider;
}
