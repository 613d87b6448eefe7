import type { ServerConfig } from "@/lib/config";

/**
 * The token service's endpoints below its issuer. create-provider.ts hands these to
 * oidc-provider (its `routes`), so what the portal tells applications (the Connect tab) is
 * what the discovery document says.
 */
export const TOKEN_SERVICE_ROUTES = {
  authorization: "/auth",
  token: "/token",
  jwks: "/jwks",
  userinfo: "/me",
  end_session: "/session/end",
} as const;

export type TokenServiceUrls = {
  issuer: string;
  discovery: string;
  authorization: string;
  token: string;
  jwks: string;
  userinfo: string;
  endSession: string;
  /** The `aud` of every access token (create-provider.ts: resource indicators). */
  audience: string;
};

export function tokenServiceUrls(config: Pick<ServerConfig, "issuer" | "tokenAudience">): TokenServiceUrls {
  const at = (path: string) => `${config.issuer}${path}`;
  return {
    issuer: config.issuer,
    discovery: at("/.well-known/openid-configuration"),
    authorization: at(TOKEN_SERVICE_ROUTES.authorization),
    token: at(TOKEN_SERVICE_ROUTES.token),
    jwks: at(TOKEN_SERVICE_ROUTES.jwks),
    userinfo: at(TOKEN_SERVICE_ROUTES.userinfo),
    endSession: at(TOKEN_SERVICE_ROUTES.end_session),
    audience: config.tokenAudience,
  };
}
