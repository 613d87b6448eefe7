import { createHash } from "node:crypto";

/**
 * The key an oidc-provider record is stored under: the SHA-256 of its id, because the ids
 * of codes, refresh tokens and sessions are bearer credentials (database-adapter.ts).
 */
export function recordKey(id: string): string {
  return createHash("sha256").update(id).digest("base64url");
}
