import "server-only";
import { listClientKeys } from "@/lib/client-keys/list-client-keys";
import type { ClientDetails } from "@/lib/clients/get-client";
import { serverConfig, type ServerConfig } from "@/lib/config";
import { USER_SCOPES } from "@/lib/oauth/tenant-member";
import { tokenServiceUrls } from "@/lib/oauth/token-service-urls";
import { getClientRoles } from "@/lib/roles/get-client-roles";
import type { TenantContext } from "@/lib/tenants/tenant-context";
import type { ConnectInput } from "./connect-input";

/**
 * What the Connect tab's snippets are built from: the client's public facts, its roles and
 * keys (each read tenant-scoped, for any member, as on their own tabs) and the token
 * service's URLs and audience from the server's configuration, as the token service has them.
 */
export async function getConnectInput(ctx: TenantContext, client: ClientDetails, config: ServerConfig = serverConfig()): Promise<ConnectInput> {
  const clientCredentials = client.type === "client-credentials";
  const [roles, keys] = await Promise.all([
    clientCredentials ? getClientRoles(ctx, client.clientId).then((r) => r.roleNames) : [],
    clientCredentials && client.securityType === "signed-jwt" ? listClientKeys(ctx, client.clientId) : [],
  ]);
  return {
    client: {
      clientId: client.clientId,
      name: client.name,
      type: client.type,
      securityType: client.securityType,
      allowRefreshToken: client.allowRefreshToken,
      redirectUris: client.redirectUris,
      postLogoutRedirectUris: client.postLogoutRedirectUris,
      roles,
      keys: keys.map(({ kid, alg }) => ({ kid, alg })),
    },
    urls: tokenServiceUrls(config),
    userScopes: USER_SCOPES,
  };
}
