import "server-only";
import { db } from "@/lib/db/prisma";
import {
  decryptPrivateJwk,
  keyEncryptionKeyIdOf,
  KeyEncryptionError,
  replaceKeyEncryptionKeyFile,
  type KeyEncryptionConfig,
  type KeyEncryptionKey,
} from "./key-encryption";
import { ensureSigningKeys, keyEncryptionKey, storedForm } from "./signing-keys";
import type { JWK } from "jose";

export type RekeyResult = { rekeyed: number; from: string; to: string; replacedFile: string | null };

/**
 * Re-encrypts every signing key under `next`, all or nothing. A key rotated meanwhile by
 * another process (still under the old KEK) is taken by the next pass; keys already under
 * `next` are left alone, so an interrupted rekey can be run again. When the KEK in use is
 * the data directory's file, the file then holds `next`; a KEK from the environment is the
 * operator's to replace.
 */
export async function rekeySigningKeys(config: KeyEncryptionConfig, next: KeyEncryptionKey): Promise<RekeyResult> {
  await ensureSigningKeys(config);
  const current = await keyEncryptionKey(config);
  if (current.id === next.id) throw new KeyEncryptionError(`The new key-encryption key is the one in use (${current.id})`, "VALIDATION");
  let rekeyed = 0;
  for (let pass = 0; pass < 5; pass++) {
    const done = await db.$transaction(async (tx) => {
      const rows = (await tx.signingKey.findMany()).filter((row) => !row.encryptedPrivateJwk || keyEncryptionKeyIdOf(row.encryptedPrivateJwk) !== next.id);
      for (const row of rows) {
        const jwk = row.encryptedPrivateJwk ? decryptPrivateJwk(current, row.kid, row.encryptedPrivateJwk) : (JSON.parse(row.jwk) as JWK);
        await tx.signingKey.update({ where: { kid: row.kid }, data: storedForm(next, row.kid, jwk) });
      }
      rekeyed += rows.length;
      return rows.length === 0;
    });
    if (done) {
      const replacedFile = config.keyEncryptionKey === undefined ? replaceKeyEncryptionKeyFile(config.dataDir, next) : null;
      return { rekeyed, from: current.id, to: next.id, replacedFile };
    }
  }
  throw new KeyEncryptionError("Signing keys kept changing while they were re-encrypted; run the command again");
}
