import "server-only";
import { hash, timingSafeEqual } from "node:crypto";
import type { StoredSecret } from "./find-oauth-client";
import { recordCredentialUse } from "./record-credential-use";

/**
 * True when the presented secret matches any of the client's secrets that has not expired.
 * Hashes are compared in constant time, and every candidate is compared, so timing reveals
 * neither which secret matched nor how much of it.
 */
export function verifyClientSecret(secrets: readonly StoredSecret[], presented: string, now = Date.now()): boolean {
  // The same SHA-256 as hashSecret (lib/secrets/generate-secret.ts), as bytes: no hex round trip per token.
  const presentedHash = hash("sha256", presented, "buffer");
  let matchedId: string | null = null;
  for (const secret of secrets) {
    if (secret.expiresAt !== null && secret.expiresAt <= now) continue;
    if (timingSafeEqual(Buffer.from(secret.hash, "hex"), presentedHash)) matchedId = secret.id;
  }
  if (matchedId) recordCredentialUse("secret", matchedId, new Date(now));
  return matchedId !== null;
}
