import "server-only";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JWK, type JWTPayload } from "jose";
import { accessTokenStands } from "./database-adapter";

/** Where revoked access tokens' ids are kept until the tokens would have expired anyway. */
export const REVOKED_ACCESS_TOKEN = "RevokedAccessToken";

export type AccessTokenClaims = JWTPayload & { client_id: string; jti: string; exp: number; scope?: string; tenant_id?: string; grant_ref?: string };

export function looksLikeJwt(token: string): boolean {
  try {
    return token.split(".").length === 3 && !!decodeProtectedHeader(token).alg;
  } catch {
    return false;
  }
}

/**
 * Our access tokens are self-contained RFC 9068 JWTs that oidc-provider does not store, so
 * it cannot introspect, revoke or accept them at userinfo. This verifies one the way a
 * resource server would (our published keys, issuer, audience, type, expiry) and also
 * checks that neither it nor the grant it was issued under (grant_ref) was revoked. Null
 * for anything else.
 */
export function accessTokenVerifier(publicJwks: { keys: JWK[] }, issuer: string, audience: string) {
  const keys = createLocalJWKSet(publicJwks);
  return async (token: string): Promise<AccessTokenClaims | null> => {
    try {
      const { payload } = await jwtVerify(token, keys, { issuer, audience, typ: "at+jwt", algorithms: ["ES256", "RS256"], clockTolerance: 0 });
      if (typeof payload.client_id !== "string" || typeof payload.jti !== "string" || typeof payload.exp !== "number") return null;
      if (payload.grant_ref !== undefined && typeof payload.grant_ref !== "string") return null;
      if (!(await accessTokenStands(payload.jti, payload.grant_ref, REVOKED_ACCESS_TOKEN))) return null;
      return payload as AccessTokenClaims;
    } catch {
      return null;
    }
  };
}

export type AccessTokenVerifier = ReturnType<typeof accessTokenVerifier>;
