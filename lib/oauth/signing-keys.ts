import { createPublicKey, type JsonWebKey } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from "jose";
import { db } from "@/lib/db/prisma";
import { isUniqueViolation } from "@/lib/db/prisma-errors";
import { DomainError } from "@/lib/errors";
import { TOKEN_LIFETIME, TOKEN_SIGNING_ALGS, type TTokenSigningAlg } from "@/lib/validation/client";
import { databaseKind } from "@/lib/db/database-url";
import { claimOnce, isClaimed } from "./database-adapter";
import {
  configuredKeyEncryptionKey,
  createKeyEncryptionKeyFile,
  decryptPrivateJwk,
  encryptPrivateJwk,
  keyEncryptionKeyFile,
  keyEncryptionKeyIdOf,
  KeyEncryptionError,
  KEY_ENCRYPTION_KEY_ENV,
  type KeyEncryptionConfig,
  type KeyEncryptionKey,
} from "./key-encryption";
import { logger } from "@/lib/logging/logger";

/**
 * The token service's signing keys, one signing key per algorithm at a time, kept in the
 * database so every server process and instance shares them. Rotation is two-phase: a new
 * key is published in the JWKS at once but signs only from `activatesAt` (resource servers
 * fetch it meanwhile); the key it replaces keeps being published until every token it
 * signed has expired, then it is deleted. A row holds the public JWK in the clear and the
 * private one encrypted (./key-encryption.ts).
 */

/** The longest a token we sign lives (access and ID tokens), plus clock tolerance. */
export const MAX_SIGNED_TOKEN_LIFETIME_S = TOKEN_LIFETIME.max + 60;
/** How long a new key is published before it signs, unless the operator says otherwise. */
export const DEFAULT_ACTIVATION_DELAY_S = 3600;
/** Server processes re-read the keys this often, so a shorter delay could sign before publishing. */
export const KEY_POLL_INTERVAL_MS = 1_000;
export const MIN_ACTIVATION_DELAY_S = 5;

export type SigningKeyInfo = {
  kid: string;
  alg: TTokenSigningAlg;
  createdAt: Date;
  activatesAt: Date;
  retiresAt: Date | null;
  state: "pending" | "signing" | "retiring";
};

/** The key set in force at one instant, in the order oidc-provider must see it. */
export type KeySet = {
  /** Private JWKs: each algorithm's signing key first (oidc-provider signs with the first match), then the others. */
  jwks: { keys: JWK[] };
  signingKids: Record<TTokenSigningAlg, string>;
  /** Changes exactly when what is published or what signs changes. */
  fingerprint: string;
};

async function newKey(alg: TTokenSigningAlg): Promise<{ kid: string; jwk: JWK }> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, jwk: { ...jwk, alg, use: "sig", kid } };
}

function publicJwk(jwk: JWK): JWK {
  const publicPart = createPublicKey({ key: jwk as JsonWebKey, format: "jwk" }).export({ format: "jwk" });
  return { ...publicPart, alg: jwk.alg, use: jwk.use, kid: jwk.kid } as JWK;
}

/** The columns of a key: public JWK in the clear, private JWK encrypted and bound to the kid. */
export function storedForm(kek: KeyEncryptionKey, kid: string, jwk: JWK) {
  return { jwk: JSON.stringify(publicJwk(jwk)), encryptedPrivateJwk: encryptPrivateJwk(kek, kid, jwk) };
}

async function insertKey(kek: KeyEncryptionKey, alg: TTokenSigningAlg, activatesAt: Date, given?: { kid: string; jwk: JWK }) {
  const { kid, jwk } = given ?? (await newKey(alg));
  await db.signingKey.create({ data: { kid, alg, ...storedForm(kek, kid, jwk), activatesAt } });
  return kid;
}

/** Marks that this installation encrypts its keys: from then on a row in the clear is refused, never migrated. */
const ENCRYPTED_MARKER = "signing-keys-encrypted";
const FOREVER = new Date("9999-12-31T00:00:00Z");
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];
const hasPrivatePart = (jwkText: string) => PRIVATE_MEMBERS.some((member) => member in (JSON.parse(jwkText) as object));

/**
 * The KEK to encrypt and decrypt with. On first start there is none: one is made in the
 * data directory, unless the database already holds keys encrypted under a KEK this
 * process lacks (a restored backup, an instance not given the shared key), which stops it.
 * Only one process (of any host) may make the first KEK: it claims a record first, and the
 * others wait for its keys and then need its KEK, so the keys never end up under two.
 */
export async function keyEncryptionKey(config: KeyEncryptionConfig): Promise<KeyEncryptionKey> {
  const configured = configuredKeyEncryptionKey(config);
  if (configured) return configured;
  const encryptedRow = () => db.signingKey.findFirst({ where: { encryptedPrivateJwk: { not: null } }, select: { encryptedPrivateJwk: true } });
  let encrypted = await encryptedRow();
  if (!encrypted && !(await claimOnce("Setup", "key-encryption-key", new Date(Date.now() + 60_000)))) {
    for (let waited = 0; waited < 30_000 && !(encrypted = await encryptedRow()); waited += 100) await sleep(100);
  }
  if (encrypted) {
    // Another process of this instance may have made the file (it does so before encrypting anything).
    const madeMeanwhile = configuredKeyEncryptionKey(config);
    if (madeMeanwhile) return madeMeanwhile;
    throw new KeyEncryptionError(
      `The signing keys in the database are encrypted under key-encryption key ${keyEncryptionKeyIdOf(encrypted.encryptedPrivateJwk!)}, and this process has none: set ${KEY_ENCRYPTION_KEY_ENV} or restore ${keyEncryptionKeyFile(config.dataDir)} (it is kept apart from the database on purpose)`,
    );
  }
  return configuredKeyEncryptionKey(config) ?? createKeyEncryptionKeyFile(config.dataDir);
}

/** Refuses to add keys under `kek` while any key is under another KEK (two instances that do not share one). */
async function assertOnlyUnder(kek: KeyEncryptionKey, rows?: { encryptedPrivateJwk: string | null }[]): Promise<void> {
  rows ??= await db.signingKey.findMany({ select: { encryptedPrivateJwk: true } });
  const others = [...new Set(rows.flatMap((row) => (row.encryptedPrivateJwk ? [keyEncryptionKeyIdOf(row.encryptedPrivateJwk)] : [])))].filter(
    (id) => id !== kek.id,
  );
  if (others.length > 0) {
    throw new KeyEncryptionError(
      `Signing keys in the database are under key-encryption key(s) ${others.join(", ")}, and this process has ${kek.id} (from ${kek.source}): refusing to add keys under a second one. Give every instance the same key, or run signing-keys rekey with --old-key-file for each`,
    );
  }
}

/**
 * Rows an earlier version stored with the private key in the clear are encrypted in place,
 * all in one transaction, once: only while the installation has never encrypted (after
 * that a row in the clear is someone else's doing and is refused). On SQLite the old
 * bytes are overwritten (secure_delete, see sqlite-adapter.ts) and the WAL emptied; on
 * PostgreSQL the table is rewritten, so no dead tuple keeps them. Returns the migrated rows.
 */
async function encryptPlaintextKeys(kek: KeyEncryptionKey): Promise<Row[]> {
  if (await isClaimed("Setup", ENCRYPTED_MARKER)) return [];
  const migrated = await db.$transaction(async (tx) => {
    const rows = await tx.signingKey.findMany();
    const plaintext = rows.filter((row) => !row.encryptedPrivateJwk && hasPrivatePart(row.jwk));
    if (plaintext.length > 0) await assertOnlyUnder(kek, rows);
    const done: Row[] = [];
    for (const row of plaintext) {
      const data = storedForm(kek, row.kid, JSON.parse(row.jwk) as JWK);
      const { count } = await tx.signingKey.updateMany({ where: { kid: row.kid, encryptedPrivateJwk: null }, data });
      if (count > 0) done.push(row);
    }
    return done;
  });
  await claimOnce("Setup", ENCRYPTED_MARKER, FOREVER);
  if (migrated.length === 0) return [];
  if (databaseKind(process.env) === "sqlite") await emptySqliteWal();
  else await db.$executeRawUnsafe('VACUUM FULL "SigningKey"');
  logger.info(
    { keys: migrated.length, keyEncryptionKey: kek.id, from: kek.source },
    `Encrypted ${migrated.length} signing key(s) in the database under key-encryption key ${kek.id} (from ${kek.source}).`,
  );
  return migrated;
}

/**
 * Copies the WAL into the database file and truncates it, so the pages with the keys in the
 * clear are gone from it. A reader (another statement, another process) can hold it back
 * for a moment: try again for a few seconds, then say so.
 */
async function emptySqliteWal(): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const [result] = await db.$queryRawUnsafe<{ busy: number | bigint }[]>("PRAGMA wal_checkpoint(TRUNCATE)").catch(() => [{ busy: 1 }]);
    if (Number(result?.busy) === 0) return;
    await sleep(100);
  }
  logger.warn("Could not empty the SQLite WAL file: it may still hold the signing keys in the clear until SQLite checkpoints it.");
}

/**
 * Makes sure every algorithm has a key, on first start. Keys of an earlier Latchkey
 * version (a file in the data directory) are moved into the database, so tokens they
 * signed stay valid. When several processes start together, one creates the keys (it
 * claims a short-lived record first) and the others wait for them.
 */
export async function ensureSigningKeys(config: KeyEncryptionConfig): Promise<void> {
  const kek = await keyEncryptionKey(config);
  const migrated = await encryptPlaintextKeys(kek);
  await createMissingKeys(config, kek);
  // Older backups (and WAL archives) still hold the migrated keys in the clear: replace them.
  const algs = [...new Set(migrated.filter((row) => !row.retiresAt).map((row) => row.alg as TTokenSigningAlg))];
  for (const alg of algs) await rotateSigningKey(config, alg);
  if (algs.length > 0) {
    logger.info(
      { algs },
      `Scheduled a rotation of the ${algs.join(", ")} signing key(s), which were stored in the clear before: older backups still hold them, and they stop signing in ${DEFAULT_ACTIVATION_DELAY_S} s.`,
    );
  }
}

async function createMissingKeys(config: KeyEncryptionConfig, kek: KeyEncryptionKey): Promise<void> {
  // An algorithm needs a key that can sign now: one only pending activation does not count.
  const missing = async () => {
    const signing = signingKeysOf(await liveRows(Date.now()), Date.now());
    return TOKEN_SIGNING_ALGS.filter((alg) => !signing.has(alg));
  };
  if ((await missing()).length === 0) return;
  if (!(await claimOnce("Setup", "signing-keys", new Date(Date.now() + 60_000)))) {
    for (let waited = 0; waited < 30_000 && (await missing()).length > 0; waited += 100) await sleep(100);
    return;
  }
  const legacyFile = path.join(config.dataDir, "keys", "token-service-keys.json");
  if ((await db.signingKey.count()) === 0 && existsSync(legacyFile)) {
    const legacy = JSON.parse(readFileSync(legacyFile, "utf8")) as { jwks: { keys: JWK[] } };
    for (const jwk of legacy.jwks.keys) {
      if (!(TOKEN_SIGNING_ALGS as readonly string[]).includes(jwk.alg ?? "")) continue;
      await insertKey(kek, jwk.alg as TTokenSigningAlg, new Date(0), { kid: jwk.kid!, jwk }).catch(ignoreDuplicate);
    }
    rmSync(legacyFile);
    logger.info({ file: legacyFile }, `Moved the token service's signing keys from ${legacyFile} into the database.`);
  }
  const absent = await missing();
  if (absent.length > 0) await assertOnlyUnder(kek);
  for (const alg of absent) await insertKey(kek, alg, new Date(0));
}

function ignoreDuplicate(error: unknown) {
  if (!isUniqueViolation(error)) throw error;
}

type Row = { kid: string; alg: string; jwk: string; encryptedPrivateJwk: string | null; createdAt: Date; activatesAt: Date; retiresAt: Date | null };

function stateOf(row: Row, signing: Set<string>, now: number): SigningKeyInfo["state"] {
  if (signing.has(row.kid)) return "signing";
  return row.activatesAt.getTime() > now ? "pending" : "retiring";
}

/** Each algorithm's signing key: the one activated last (ties: the newer key). */
function signingKeysOf(rows: Row[], now: number): Map<string, Row> {
  const signing = new Map<string, Row>();
  for (const row of rows) {
    if (row.activatesAt.getTime() > now) continue;
    const current = signing.get(row.alg);
    if (!current || row.activatesAt > current.activatesAt || (+row.activatesAt === +current.activatesAt && row.createdAt > current.createdAt)) {
      signing.set(row.alg, row);
    }
  }
  return signing;
}

async function liveRows(now: number): Promise<Row[]> {
  const rows = await db.signingKey.findMany({ orderBy: [{ activatesAt: "asc" }, { kid: "asc" }] });
  return rows.filter((row) => !row.retiresAt || row.retiresAt.getTime() > now);
}

// Decrypted private keys by KEK and ciphertext: the key set is re-read every second, and
// only a key not seen before (or re-encrypted) is decrypted; signing never decrypts.
let decrypted = new Map<string, JWK>();

const refused = new Set<string>();

/** A row without an encrypted private key was not made by Latchkey (the migration ran before it): never load it. */
function encryptedOrRefused(row: Row): boolean {
  if (row.encryptedPrivateJwk) return true;
  if (!refused.has(row.kid))
    logger.error({ kid: row.kid }, `token service: refusing signing key ${row.kid}: its private key is not encrypted under the key-encryption key`);
  refused.add(row.kid);
  return false;
}

/** The private JWK of each row. */
function privateJwks(rows: Row[], config: KeyEncryptionConfig): JWK[] {
  let kek: KeyEncryptionKey | undefined;
  const next = new Map<string, JWK>();
  const jwks = rows.map((row) => {
    kek ??= configuredKeyEncryptionKey(config);
    if (!kek) throw new KeyEncryptionError(`Signing key ${row.kid} is encrypted, and this process has no key-encryption key: set ${KEY_ENCRYPTION_KEY_ENV}`);
    const cacheKey = `${kek.id}:${row.encryptedPrivateJwk}`;
    const jwk = decrypted.get(cacheKey) ?? decryptPrivateJwk(kek, row.kid, row.encryptedPrivateJwk!);
    next.set(cacheKey, jwk);
    return jwk;
  });
  decrypted = next;
  return jwks;
}

/** The key set as of `now`, private keys decrypted. */
export async function loadKeySet(config: KeyEncryptionConfig, now = Date.now()): Promise<KeySet> {
  const rows = (await liveRows(now)).filter(encryptedOrRefused);
  const signing = signingKeysOf(rows, now);
  for (const alg of TOKEN_SIGNING_ALGS) if (!signing.has(alg)) throw new Error(`No ${alg} signing key is active; run the server once to create one`);
  const ordered = [...signing.values(), ...rows.filter((row) => signing.get(row.alg)!.kid !== row.kid)];
  return {
    jwks: { keys: privateJwks(ordered, config) },
    signingKids: Object.fromEntries([...signing].map(([alg, row]) => [alg, row.kid])) as Record<TTokenSigningAlg, string>,
    fingerprint: ordered.map((row) => row.kid).join(","),
  };
}

/** Retired keys are no longer published; this removes them for good. */
export async function deleteRetiredSigningKeys(now = Date.now()): Promise<void> {
  await db.signingKey.deleteMany({ where: { retiresAt: { lte: new Date(now) } } });
}

export async function listSigningKeys(now = Date.now()): Promise<SigningKeyInfo[]> {
  const rows = await liveRows(now);
  const signing = new Set([...signingKeysOf(rows, now).values()].map((row) => row.kid));
  return rows.map((row) => ({
    kid: row.kid,
    alg: row.alg as TTokenSigningAlg,
    createdAt: row.createdAt,
    activatesAt: row.activatesAt,
    retiresAt: row.retiresAt,
    state: stateOf(row, signing, now),
  }));
}

/**
 * Starts a rotation: a new key, published now and signing after `activateInSeconds`. A key
 * of the algorithm still waiting to sign is dropped (it never signed anything, and it would
 * otherwise take over later); the key that signs now is scheduled to retire once the tokens
 * it can still sign until then have expired. Keys already replaced keep their schedule.
 */
export async function rotateSigningKey(
  config: KeyEncryptionConfig,
  alg: TTokenSigningAlg,
  activateInSeconds = DEFAULT_ACTIVATION_DELAY_S,
): Promise<SigningKeyInfo> {
  if (!Number.isInteger(activateInSeconds) || activateInSeconds < MIN_ACTIVATION_DELAY_S) {
    throw new DomainError("VALIDATION", `The new key must be published at least ${MIN_ACTIVATION_DELAY_S} seconds before it signs`);
  }
  // A new installation first gets the keys its server would make, so there is one to replace.
  await ensureSigningKeys(config);
  const kek = await keyEncryptionKey(config);
  await assertOnlyUnder(kek);
  const now = Date.now();
  const activatesAt = new Date(now + activateInSeconds * 1000);
  const retiresAt = new Date(activatesAt.getTime() + MAX_SIGNED_TOKEN_LIFETIME_S * 1000);
  await db.signingKey.deleteMany({ where: { alg, activatesAt: { gt: new Date(now) } } });
  const signing = signingKeysOf(await liveRows(now), now).get(alg)!;
  const kid = await insertKey(kek, alg, activatesAt);
  await db.signingKey.update({ where: { kid: signing.kid }, data: { retiresAt } });
  return (await listSigningKeys()).find((key) => key.kid === kid)!;
}

/**
 * Withdraws a key at once (it leaked): tokens it signed stop verifying. The signing key of
 * an algorithm cannot be withdrawn; rotate first, with a short delay. Withdrawing a key that
 * was waiting to sign cancels its rotation: the signing key no longer retires.
 */
export async function revokeSigningKey(kid: string): Promise<void> {
  const keys = await listSigningKeys();
  const key = keys.find((k) => k.kid === kid);
  if (!key) throw new DomainError("NOT_FOUND", `No live signing key has the kid "${kid}"`);
  if (key.state === "signing") {
    throw new DomainError(
      "CONFLICT",
      `"${kid}" is the ${key.alg} key that signs now: rotate (signing-keys rotate --alg ${key.alg} --activate-in ${MIN_ACTIVATION_DELAY_S}) and revoke it once the new key signs`,
    );
  }
  await db.signingKey.delete({ where: { kid } });
  const signing = keys.find((k) => k.alg === key.alg && k.state === "signing");
  if (key.state === "pending" && signing) await db.signingKey.update({ where: { kid: signing.kid }, data: { retiresAt: null } });
}
