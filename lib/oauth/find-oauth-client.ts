import "server-only";
import { db } from "@/lib/db/prisma";

/**
 * A client as the token service sees it, in oidc-provider's metadata vocabulary. The
 * `latchkey_*` properties are ours (declared in extraClientMetadata). client_secret is a
 * fixed placeholder: the real check is against stored hashes (verify-client-secret.ts).
 */
export const HASHED_SECRET_PLACEHOLDER = "secrets-are-stored-hashed";

export async function findOAuthClient(clientId: string) {
  const client = await db.client.findUnique({
    where: { clientId: clientId.toLowerCase() },
    select: {
      id: true,
      clientId: true,
      name: true,
      type: true,
      tokenLifetime: true,
      tenantId: true,
      tenant: { select: { slug: true } },
      environment: { select: { name: true } },
      roles: { select: { role: { select: { name: true } } } },
    },
  });
  if (!client || client.type !== "client-credentials") return undefined;
  return {
    client_id: client.clientId,
    client_name: client.name,
    client_secret: HASHED_SECRET_PLACEHOLDER,
    grant_types: ["client_credentials"],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: "client_secret_basic",
    latchkey_client_db_id: client.id,
    latchkey_tenant_id: client.tenantId,
    latchkey_tenant: client.tenant.slug,
    latchkey_roles: client.roles.map((r) => r.role.name).sort(),
    latchkey_environment: client.environment.name,
    latchkey_token_lifetime: client.tokenLifetime,
  };
}

export type OAuthClientMetadata = NonNullable<Awaited<ReturnType<typeof findOAuthClient>>>;
