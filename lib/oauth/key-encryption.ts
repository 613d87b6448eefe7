import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { JWK } from "jose";
import { DomainError } from "@/lib/errors";

/**
 * The token service's private signing keys are stored encrypted (AES-256-GCM) under a
 * key-encryption key (KEK) that is never in the database, so a database or its backup
 * alone cannot sign tokens. The KEK is LATCHKEY_KEY_ENCRYPTION_KEY, else a file in the data
 * directory made on first start. Each ciphertext names the KEK it is under (a hash of it,
 * so a wrong KEK is told apart from a damaged row) and is bound to its signing key's kid.
 */

export const KEY_ENCRYPTION_KEY_ENV = "LATCHKEY_KEY_ENCRYPTION_KEY";
const ENVELOPE_VERSION = "lkenc1";

export type KeyEncryptionKey = {
  /** Names the KEK in ciphertexts and messages; reveals nothing of it. */
  id: string;
  key: Buffer;
  /** Where it came from, for messages: the variable's name or the file's path. */
  source: string;
};

export type KeyEncryptionConfig = { dataDir: string; keyEncryptionKey: string | undefined };

/** Refusals about the KEK: exit code 1 in the CLI, one line at start-up. Never contains key material. */
export class KeyEncryptionError extends DomainError {
  constructor(message: string, code: "CONFLICT" | "VALIDATION" = "CONFLICT") {
    super(code, message);
    this.name = "KeyEncryptionError";
  }
}

export function keyEncryptionKeyFile(dataDir: string): string {
  return path.join(dataDir, "keys", "key-encryption-key");
}

/** 32 bytes in base64url (43 characters; standard base64 is taken too, so `openssl rand -base64 32` works). */
export function parseKeyEncryptionKey(text: string, source: string): KeyEncryptionKey {
  const trimmed = text.trim();
  const key = /^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed) ? Buffer.from(trimmed, "base64") : undefined;
  if (key?.length !== 32) {
    throw new KeyEncryptionError(
      `The key-encryption key in ${source} must be 32 random bytes in base64url (43 characters), e.g. from: openssl rand -base64 32`,
      "VALIDATION",
    );
  }
  const id = createHash("sha256").update("latchkey key-encryption key id\0").update(key).digest().subarray(0, 12).toString("base64url");
  return { id, key, source };
}

/** The configured KEK, or undefined when there is none yet (no variable, no file). */
export function configuredKeyEncryptionKey(config: KeyEncryptionConfig): KeyEncryptionKey | undefined {
  if (config.keyEncryptionKey !== undefined) return parseKeyEncryptionKey(config.keyEncryptionKey, KEY_ENCRYPTION_KEY_ENV);
  const file = keyEncryptionKeyFile(config.dataDir);
  try {
    return parseKeyEncryptionKey(readFileSync(file, "utf8"), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * A new KEK in the data directory. Written to a temporary file and linked into place, so a
 * process starting at the same moment sees the whole key or none, and the first one wins.
 */
export function createKeyEncryptionKeyFile(dataDir: string): KeyEncryptionKey {
  const file = keyEncryptionKeyFile(dataDir);
  const temporary = writeTemporary(file, randomBytes(32).toString("base64url"));
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
  return parseKeyEncryptionKey(readFileSync(file, "utf8"), file);
}

/**
 * Puts `kek` in the data directory's file in one step (after a rekey), durably. The file it
 * replaces is kept beside it as key-encryption-key.<its id>.old: a database backup from
 * before the rekey opens only with it, so the operator archives it (apart from the backups).
 */
export function replaceKeyEncryptionKeyFile(dataDir: string, kek: KeyEncryptionKey, old: KeyEncryptionKey): { file: string; oldFile: string } {
  const file = keyEncryptionKeyFile(dataDir);
  const oldFile = path.join(path.dirname(file), `key-encryption-key.${old.id}.old`);
  renameSync(writeTemporary(file, old.key.toString("base64url")), oldFile);
  renameSync(writeTemporary(file, kek.key.toString("base64url")), file);
  syncDirectory(path.dirname(file));
  return { file, oldFile };
}

function writeTemporary(file: string, content: string): string {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString("hex")}`;
  const fd = openSync(temporary, "wx", 0o600);
  try {
    writeFileSync(fd, `${content}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return temporary;
}

function syncDirectory(dir: string) {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const additionalData = (kekId: string, kid: string) => Buffer.from(`${ENVELOPE_VERSION}\0${kekId}\0${kid}`);

/** `lkenc1.<KEK id>.<IV>.<ciphertext>.<tag>`, base64url parts; a fresh 96-bit IV each time. */
export function encryptPrivateJwk(kek: KeyEncryptionKey, kid: string, jwk: JWK): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", kek.key, iv, { authTagLength: 16 });
  cipher.setAAD(additionalData(kek.id, kid));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(jwk), "utf8"), cipher.final()]);
  return [ENVELOPE_VERSION, kek.id, iv.toString("base64url"), ciphertext.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

/** The id of the KEK a stored private key is encrypted under (from the envelope, not checked). */
export function keyEncryptionKeyIdOf(envelope: string): string {
  return envelope.split(".")[1] ?? "?";
}

export function decryptPrivateJwk(kek: KeyEncryptionKey, kid: string, envelope: string): JWK {
  const parts = envelope.split(".");
  const [version, kekId, iv, ciphertext, tag] = parts;
  if (parts.length !== 5 || version !== ENVELOPE_VERSION) {
    throw new KeyEncryptionError(`The private part of signing key ${kid} is stored in a form this version of Latchkey does not read`);
  }
  if (kekId !== kek.id) {
    throw new KeyEncryptionError(
      `Signing key ${kid} is encrypted under key-encryption key ${kekId}, but this process has key-encryption key ${kek.id} (from ${kek.source}): every instance needs the same ${KEY_ENCRYPTION_KEY_ENV} or key file`,
    );
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", kek.key, Buffer.from(iv!, "base64url"), { authTagLength: 16 });
    decipher.setAAD(additionalData(kekId, kid));
    decipher.setAuthTag(Buffer.from(tag!, "base64url"));
    const plaintext = Buffer.concat([decipher.update(Buffer.from(ciphertext!, "base64url")), decipher.final()]);
    return JSON.parse(plaintext.toString("utf8")) as JWK;
  } catch {
    throw new KeyEncryptionError(
      `Signing key ${kid} does not decrypt with key-encryption key ${kek.id}: its stored ciphertext was altered or belongs to another key`,
    );
  }
}
