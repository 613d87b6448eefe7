import "server-only";
import type { KoaContextWithOIDC } from "oidc-provider";
import { looksLikeJwt, REVOKED_ACCESS_TOKEN, type AccessTokenClaims, type AccessTokenVerifier } from "./access-token-jwt";
import { findCachedClient } from "./client-cache";
import { corsOriginAllowed } from "./cors";
import { claimOnce } from "./database-adapter";
import type { LatchkeyClient } from "./latchkey-client";
import { findTenantMember, memberClaims, type TenantMember } from "./tenant-member";

export type StructuredTokens = ReturnType<typeof structuredTokens>;

/**
 * A client may see a token's details if the token belongs to its tenant; a public client
 * (authorization code) only if the token is its own. For introspection of every kind of
 * token (oidc-provider's allowedPolicy and the JWTs below).
 */
export function mayIntrospect(caller: LatchkeyClient, owner: { clientId: string; tenantId: string | undefined }): boolean {
  return owner.tenantId === caller.latchkey_tenant_id && (caller.clientAuthMethod !== "none" || owner.clientId === caller.clientId);
}

/**
 * A verified access token that still stands for someone: its client exists in the tenant
 * the token names, and a person's token belongs to a member of that tenant still.
 */
async function standing(claims: AccessTokenClaims): Promise<{ member: TenantMember | null } | null> {
  const client = await findCachedClient(claims.client_id);
  if (!client || client.metadata.latchkey_tenant_id !== claims.tenant_id) return null;
  if (!claims.sub || claims.sub === claims.client_id) return { member: null };
  const member = await findTenantMember(claims.tenant_id!, claims.sub);
  return member ? { member } : null;
}

/**
 * oidc-provider serves userinfo, introspection and revocation only for tokens it stores,
 * and refuses structured (JWT) access tokens at all three. Ours are JWTs (RFC 9068), so
 * Latchkey answers for them, as the RFCs describe, with oidc-provider's own client
 * authentication where there is one (see extension-routes.ts for where each runs).
 */
export function structuredTokens(verify: AccessTokenVerifier, issuer: string) {
  return {
    /** The Bearer JWT of a userinfo request, if it is one (anything else is oidc-provider's). */
    userinfoJwt(ctx: KoaContextWithOIDC): string | undefined {
      // As oidc-provider's router matches: any letter case, an optional trailing slash.
      if (ctx.path.toLowerCase().replace(/\/+$/, "") !== "/me" || (ctx.method !== "GET" && ctx.method !== "POST")) return undefined;
      const token = /^Bearer\s+(\S+)$/i.exec(ctx.get("authorization"))?.[1];
      return token && looksLikeJwt(token) ? token : undefined;
    },

    /** Userinfo for a person's JWT access token with the openid scope. */
    async userinfo(ctx: KoaContextWithOIDC, token: string): Promise<void> {
      ctx.set("Cache-Control", "no-store");
      const refuse = (status: number, error: string, description: string) => {
        ctx.status = status;
        ctx.set("WWW-Authenticate", `Bearer realm="${issuer}", error="${error}", error_description="${description}"`);
        ctx.body = { error, error_description: description };
      };
      const claims = await verify(token);
      const client = claims ? await findCachedClient(claims.client_id) : undefined;
      if (!claims || !client) return refuse(401, "invalid_token", "invalid token provided");

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

      // Tokens of client-credentials clients have no person behind them; members who left
      // the tenant are no longer anyone to its applications.
      const member = (await standing(claims))?.member;
      if (!member) return refuse(401, "invalid_token", "invalid token provided");
      const scopes = (claims.scope ?? "").split(" ");
      if (!scopes.includes("openid")) return refuse(403, "insufficient_scope", "access token missing openid scope");
      ctx.body = memberClaims(member, scopes);
    },

    /**
     * After oidc-provider answered introspection (RFC 7662) or revocation (RFC 7009): a
     * request that authenticated and reached its "unsupported_token_type" carried a JWT.
     */
    async afterProvider(ctx: KoaContextWithOIDC): Promise<void> {
      const client = ctx.oidc.client as LatchkeyClient | undefined;
      const refused = ctx.status === 400 && (ctx.body as { error?: string } | undefined)?.error === "unsupported_token_type";
      if (!refused || !client) return;
      const claims = await verify(String(ctx.oidc.params?.token));
      const ownToken = claims?.client_id === client.clientId;
      ctx.status = 200;
      if (ctx.oidc.route === "introspection") {
        const active = claims && mayIntrospect(client, { clientId: claims.client_id, tenantId: claims.tenant_id }) && (await standing(claims));
        ctx.body = active ? { ...claims, active: true, token_type: "Bearer" } : { active: false };
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
    },
  };
}
