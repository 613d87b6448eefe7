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
import { keyEncryptionKey, storedForm } from "./signing-keys";

export type RekeyResult = { rekeyed: number; from: string; to: string; replacedFile: string | null; oldKeyFile: string | null };

/**
 * Re-encrypts every signing key under `next`, all or nothing. A key rotated meanwhile by
 * another process (still under the old KEK) is taken by the next pass; keys already under
 * `next` are left alone, so an interrupted rekey can be run again. When the KEK in use is
 * the data directory's file, the file then holds `next`; a KEK from the environment is the
 * operator's to replace.
 */
export async function rekeySigningKeys(config: KeyEncryptionConfig, next: KeyEncryptionKey, old: KeyEncryptionKey[] = []): Promise<RekeyResult> {
  const current = await keyEncryptionKey(config);
  if (current.id === next.id) throw new KeyEncryptionError(`The new key-encryption key is the one in use (${current.id})`, "VALIDATION");
  // Keys left under other KEKs (two instances that made their own) are opened with the old key files given.
  const known = new Map([...old, current].map((kek) => [kek.id, kek]));
  const kekFor = (kid: string, envelope: string) => {
    const kek = known.get(keyEncryptionKeyIdOf(envelope));
    if (!kek) {
      throw new KeyEncryptionError(
        `Signing key ${kid} is under key-encryption key ${keyEncryptionKeyIdOf(envelope)}, which was not given (known: ${[...known.keys()].join(", ")}): pass its file with --old-key-file`,
      );
    }
    return kek;
  };
  let rekeyed = 0;
  for (let pass = 0; pass < 5; pass++) {
    const done = await db.$transaction(async (tx) => {
      // A row in the clear is not taken up (it was not made by Latchkey: see signing-keys.ts).
      const rows = (await tx.signingKey.findMany()).filter((row) => row.encryptedPrivateJwk && keyEncryptionKeyIdOf(row.encryptedPrivateJwk) !== next.id);
      for (const row of rows) {
        const jwk = decryptPrivateJwk(kekFor(row.kid, row.encryptedPrivateJwk!), row.kid, row.encryptedPrivateJwk!);
        await tx.signingKey.update({ where: { kid: row.kid }, data: storedForm(next, row.kid, jwk) });
      }
      rekeyed += rows.length;
      return rows.length === 0;
    });
    if (done) {
      const replaced = config.keyEncryptionKey === undefined ? replaceKeyEncryptionKeyFile(config.dataDir, next, current) : null;
      return { rekeyed, from: current.id, to: next.id, replacedFile: replaced?.file ?? null, oldKeyFile: replaced?.oldFile ?? null };
    }
  }
  throw new KeyEncryptionError("Signing keys kept changing while they were re-encrypted; run the command again");
}
