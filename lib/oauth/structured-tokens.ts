import "server-only";
import type { KoaContextWithOIDC } from "oidc-provider";
import { looksLikeJwt, REVOKED_ACCESS_TOKEN, type AccessTokenVerifier } from "./access-token-jwt";
import { findCachedClient } from "./client-cache";
import { corsOriginAllowed } from "./cors";
import { claimOnce } from "./database-adapter";
import type { LatchkeyClient } from "./latchkey-client";
import { findTenantMember, memberClaims } from "./tenant-member";

type Next = () => Promise<void>;

/**
 * oidc-provider serves userinfo, introspection and revocation only for tokens it stores,
 * and refuses structured (JWT) access tokens at all three. Ours are JWTs (RFC 9068), so
 * these middlewares answer for them, as the RFCs describe, with oidc-provider's own client
 * authentication where there is one:
 * - userinfo (before the provider): a Bearer JWT of a person with the openid scope;
 * - introspection (RFC 7662) and revocation (RFC 7009) (after the provider): the request
 *   authenticated and reached oidc-provider's "unsupported_token_type", which is where a
 *   JWT ends up; everything else the provider answers alone.
 */
export function structuredTokenMiddleware(verify: AccessTokenVerifier, issuer: string) {
  return async (ctx: KoaContextWithOIDC, next: Next) => {
    if (ctx.path === "/me" && (ctx.method === "GET" || ctx.method === "POST")) {
      const token = /^Bearer\s+(\S+)$/i.exec(ctx.get("authorization"))?.[1];
      if (token && looksLikeJwt(token)) return userinfo(ctx, verify, issuer, token);
    }
    await next();

    const route = ctx.oidc?.route;
    const refused = ctx.status === 400 && (ctx.body as { error?: string } | undefined)?.error === "unsupported_token_type";
    const client = ctx.oidc?.client as LatchkeyClient | undefined;
    if (!refused || !client || (route !== "introspection" && route !== "revocation")) return;
    const claims = await verify(String(ctx.oidc.params?.token));
    const ownToken = claims?.client_id === client.clientId;
    ctx.status = 200;
    if (route === "introspection") {
      // Another tenant's token is inactive to this client; a public client sees only its own.
      const allowed = claims && claims.tenant_id === client.latchkey_tenant_id && (ownToken || client.clientAuthMethod !== "none");
      ctx.body = allowed ? { ...claims, active: true, token_type: "Bearer" } : { active: false };
    } else if (claims && ownToken) {
      await claimOnce(REVOKED_ACCESS_TOKEN, claims.jti, new Date(claims.exp * 1000));
      ctx.body = "";
    } else if (claims && client.clientAuthMethod !== "none") {
      // As oidc-provider answers for its own tokens: only the client a token was issued to may revoke it.
      ctx.status = 400;
      ctx.body = { error: "invalid_request", error_description: "client is not authorized to revoke the presented token" };
    } else {
      ctx.body = ""; // RFC 7009 2.2: an invalid token is no error
    }
  };
}

async function userinfo(ctx: KoaContextWithOIDC, verify: AccessTokenVerifier, issuer: string, token: string) {
  ctx.set("Cache-Control", "no-store");
  const refuse = (status: number, error: string, description: string) => {
    ctx.status = status;
    ctx.set("WWW-Authenticate", `Bearer realm="${issuer}", error="${error}", error_description="${description}"`);
    ctx.body = { error, error_description: description };
  };
  const claims = await verify(token);
  const client = claims ? await findCachedClient(claims.client_id) : undefined;
  if (!claims || !client || client.metadata.latchkey_tenant_id !== claims.tenant_id) return refuse(401, "invalid_token", "invalid token provided");

  const origin = ctx.get("Origin");
  if (origin) {
    const { metadata } = client;
    if (!corsOriginAllowed({ type: metadata.latchkey_type, redirectUris: metadata.redirect_uris, corsOrigins: metadata.latchkey_cors_origins }, origin)) {
      ctx.status = 400;
      ctx.body = { error: "invalid_request", error_description: `origin ${origin} not allowed for client: ${metadata.client_id}` };
      return;
    }
    ctx.vary("Origin");
    ctx.set("Access-Control-Allow-Origin", origin);
    ctx.set("Access-Control-Expose-Headers", "WWW-Authenticate");
  }

  // Tokens of client-credentials clients have no person behind them; members who left the
  // tenant are no longer anyone to its applications.
  const member = claims.sub && claims.sub !== claims.client_id ? await findTenantMember(claims.tenant_id!, claims.sub) : null;
  if (!member) return refuse(401, "invalid_token", "invalid token provided");
  const scopes = (claims.scope ?? "").split(" ");
  if (!scopes.includes("openid")) return refuse(403, "insufficient_scope", "access token missing openid scope");
  ctx.body = memberClaims(member, scopes);
}
