import { createHmac, hkdfSync } from "node:crypto";

let key: Buffer | undefined;

/**
 * The reference a JWT access token carries to its grant (grant_ref): an HMAC of the grant's
 * id under a key derived from the portal's session secret (as the cookie key is,
 * identity-handler.ts), so a token reveals neither the grant id nor the key its record is
 * stored under, and only the server can compute it. The Grant record keeps it (as its uid)
 * so introspection finds the grant from the token in one query.
 */
export function grantRef(grantId: string): string {
  key ??= deriveKey(process.env.NEXTAUTH_SECRET);
  return createHmac("sha256", key).update(grantId).digest("base64url");
}

function deriveKey(sessionSecret: string | undefined): Buffer {
  if (!sessionSecret) throw new Error("NEXTAUTH_SECRET is not set (lib/server/prepare-environment.ts sets it before the token service starts)");
  return Buffer.from(hkdfSync("sha256", sessionSecret, "latchkey", "access token grant reference", 32));
}
