import { createHash, randomBytes } from "node:crypto";

export const SECRET_PREFIX = "lk_";
/** 32 bytes from the operating system's CSPRNG: 256 bits of entropy. */
export const SECRET_BYTES = 32;
const HINT_LENGTH = SECRET_PREFIX.length + 4;

export type GeneratedSecret = { plaintext: string; hash: string; hint: string };

/**
 * A new client secret. The prefix makes leaked secrets easy to find with secret
 * scanners; base64url keeps it safe in Basic auth and form bodies without escaping.
 */
export function generateSecret(): GeneratedSecret {
  const plaintext = SECRET_PREFIX + randomBytes(SECRET_BYTES).toString("base64url");
  return { plaintext, hash: hashSecret(plaintext), hint: plaintext.slice(0, HINT_LENGTH) };
}

/**
 * SHA-256 suits secrets with 256 bits of entropy (no dictionary to guess from) and keeps
 * the token endpoint fast; slow password hashes are for human-chosen passwords.
 */
export function hashSecret(plaintext: string): string {
  return createHash("sha256").update(plaintext, "utf8").digest("hex");
}
