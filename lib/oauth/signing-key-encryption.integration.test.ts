// A stolen database (or its backup) cannot sign tokens: the private signing keys in it are
// encrypted under a key-encryption key kept outside it. Checked on the rows themselves, on
// a row of an earlier version (encrypted on start), and through a rekey by the CLI, with
// tokens fetched and verified as a client and a resource server would.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { calculateJwkThumbprint, createRemoteJWKSet, decodeProtectedHeader, exportJWK, generateKeyPair, jwtVerify, type JWK } from "jose";
import { allowInsecureRequests, ClientSecretBasic, clientCredentialsGrant, discovery } from "openid-client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createClient, type CreatedConfidentialClient } from "@/lib/clients/create-client";
import { databaseKind } from "@/lib/db/database-url";
import { db } from "@/lib/db/prisma";
import { captureOutput } from "@/lib/testing/capture-output";
import { clientInput, createTestTenant } from "@/lib/testing/fixtures";
import { TEST_KEY_ENCRYPTION_KEY } from "@/lib/testing/integration-setup";
import { startTokenService, type TestTokenService } from "@/lib/testing/start-token-service";
import { decryptPrivateJwk, keyEncryptionKeyFile, keyEncryptionKeyIdOf, KeyEncryptionError, parseKeyEncryptionKey } from "./key-encryption";
import { rekeySigningKeys } from "./rekey-signing-keys";
import { DEFAULT_ACTIVATION_DELAY_S, ensureSigningKeys, listSigningKeys, loadKeySet, rotateSigningKey, storedForm } from "./signing-keys";

const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];
const testKek = parseKeyEncryptionKey(TEST_KEY_ENCRYPTION_KEY, "LATCHKEY_KEY_ENCRYPTION_KEY");
const newKekText = () => randomBytes(32).toString("base64url");
const run = promisify(execFile);

let service: TestTokenService;
let client: CreatedConfidentialClient;
let rekeyedTo: string | undefined;

beforeAll(async () => {
  service = await startTokenService();
  const tenant = await createTestTenant("kek");
  client = await createClient(tenant.admin, clientInput());
});

afterAll(async () => {
  await service?.close();
  // Should a test stop half-way, leave the keys under the key the other test files use.
  if (rekeyedTo)
    await rekeySigningKeys({ dataDir: mkdtempSync(path.join(tmpdir(), "latchkey-kek-")), keyEncryptionKey: rekeyedTo }, testKek).catch(() => undefined);
});

async function tokenFrom(issuer: string): Promise<string> {
  const config = await discovery(new URL(issuer), client.clientId, client.secret.plaintext, ClientSecretBasic(client.secret.plaintext), {
    execute: [allowInsecureRequests],
  });
  return (await clientCredentialsGrant(config, {})).access_token;
}

async function verifies(issuer: string, jwt: string): Promise<boolean> {
  const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`), { cacheMaxAge: 0 });
  return jwtVerify(jwt, jwks, { issuer }).then(
    () => true,
    () => false,
  );
}

async function cli(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(path.resolve("node_modules/.bin/tsx"), ["--tsconfig", "tsconfig.node.json", "lib/cli/main.ts", ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    return error as { code: number; stdout: string; stderr: string };
  }
}

/** A signing key as an earlier version stored it: the private JWK in the clear. */
async function legacyRow(times: { activatesAt?: Date; retiresAt?: Date }): Promise<JWK> {
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  const legacy = { ...jwk, alg: "ES256", use: "sig", kid };
  await db.signingKey.create({
    data: {
      kid,
      alg: "ES256",
      jwk: JSON.stringify(legacy),
      createdAt: new Date(0),
      activatesAt: times.activatesAt ?? new Date(0),
      retiresAt: times.retiresAt ?? null,
    },
  });
  return legacy;
}

/**
 * The bytes the database keeps on disk: SQLite's file, -wal and -shm (read by another
 * process: closing a descriptor of the file here would drop this process's SQLite locks);
 * PostgreSQL's SigningKey table, after a checkpoint.
 */
async function databaseFiles(): Promise<[string, string][]> {
  if (databaseKind(process.env) === "sqlite") {
    const file = process.env.DATABASE_URL!.replace(/^file:/, "");
    const read =
      "for (const f of process.argv.slice(1)) try { process.stdout.write(require('fs').readFileSync(f).toString('base64') + '\\n') } catch { process.stdout.write('\\n') }";
    const names = [file, `${file}-wal`, `${file}-shm`];
    const { stdout } = await run(process.execPath, ["-e", read, ...names], { maxBuffer: 1 << 28 });
    return stdout
      .split("\n")
      .slice(0, 3)
      .map((text, i) => [names[i]!, Buffer.from(text, "base64").toString("latin1")]);
  }
  await db.$executeRawUnsafe("CHECKPOINT");
  const [row] = await db.$queryRawUnsafe<{ bytes: Uint8Array }[]>(`SELECT pg_read_binary_file(pg_relation_filepath('"SigningKey"')) AS bytes`);
  return [["SigningKey", Buffer.from(row!.bytes).toString("latin1")]];
}

describe("signing keys at rest", () => {
  it("are stored with no private part in the clear, and decrypt only with the right key-encryption key", async () => {
    const rows = await db.signingKey.findMany();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      const stored = JSON.parse(row.jwk) as JWK;
      for (const member of PRIVATE_MEMBERS) expect(stored, `${row.kid}.${member}`).not.toHaveProperty(member);
      expect(row.encryptedPrivateJwk).toMatch(/^lkenc1\./);
      const secret = decryptPrivateJwk(testKek, row.kid, row.encryptedPrivateJwk!);
      expect(secret.d).toBeTruthy();
      expect(await calculateJwkThumbprint(secret)).toBe(row.kid);
      expect(row.encryptedPrivateJwk).not.toContain(secret.d);

      const wrong = parseKeyEncryptionKey(newKekText(), "LATCHKEY_KEY_ENCRYPTION_KEY");
      const refusal = (() => {
        try {
          decryptPrivateJwk(wrong, row.kid, row.encryptedPrivateJwk!);
        } catch (error) {
          return error as Error;
        }
      })();
      expect(refusal).toBeInstanceOf(KeyEncryptionError);
      expect(refusal!.message).toContain(`encrypted under key-encryption key ${testKek.id}`);
      for (const material of [secret.d!, TEST_KEY_ENCRYPTION_KEY, wrong.key.toString("base64url")]) expect(refusal!.message).not.toContain(material);
    }
  });

  it("stop a process that has another key-encryption key, or none, with a clear message and no key material", async () => {
    const other = newKekText();
    const dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-kek-"));
    await expect(loadKeySet({ dataDir, keyEncryptionKey: other })).rejects.toThrow(
      `is encrypted under key-encryption key ${testKek.id}, but this process has key-encryption key ${parseKeyEncryptionKey(other, "x").id} (from LATCHKEY_KEY_ENCRYPTION_KEY)`,
    );
    // No variable and no file: a restored backup without its key. Nothing is created.
    const error = await ensureSigningKeys({ dataDir, keyEncryptionKey: undefined }).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(KeyEncryptionError);
    expect((error as Error).message).toContain(`encrypted under key-encryption key ${testKek.id}, and this process has none`);
    expect((error as Error).message).not.toContain(TEST_KEY_ENCRYPTION_KEY);
    expect(() => statSync(keyEncryptionKeyFile(dataDir))).toThrow(/ENOENT/);
    await expect(loadKeySet({ dataDir, keyEncryptionKey: "not-a-key" })).rejects.toThrow(/must be 32 random bytes in base64url/);
  });

  it("of an earlier version, in the clear, are encrypted in place on start, once, by processes starting together", async () => {
    const legacy = await legacyRow({ retiresAt: new Date(Date.now() + 3_600_000) });
    const kid = legacy.kid!;
    try {
      // An installation that has never encrypted.
      await db.oidcRecord.deleteMany({ where: { model: "Setup" } });
      const config = { dataDir: service.config.dataDir, keyEncryptionKey: TEST_KEY_ENCRYPTION_KEY };
      await Promise.all([ensureSigningKeys(config), ensureSigningKeys(config), ensureSigningKeys(config)]);
      const row = await db.signingKey.findUniqueOrThrow({ where: { kid } });
      for (const member of PRIVATE_MEMBERS) expect(JSON.parse(row.jwk)).not.toHaveProperty(member);
      expect(decryptPrivateJwk(testKek, kid, row.encryptedPrivateJwk!)).toEqual(legacy);
      await ensureSigningKeys(config);
      expect((await db.signingKey.findUniqueOrThrow({ where: { kid } })).encryptedPrivateJwk).toBe(row.encryptedPrivateJwk);
      // Still published, from the decrypted key.
      const published = (await loadKeySet(config)).jwks.keys.find((key) => key.kid === kid);
      expect(published).toMatchObject({ kid, d: legacy.d });
    } finally {
      await db.signingKey.delete({ where: { kid } });
    }
  });

  it("of an earlier version leave no private part in the database's files, and the one that signed is rotated away", async () => {
    const legacy = await legacyRow({ activatesAt: new Date(Date.now() - 1000) });
    const kid = legacy.kid!;
    const output = captureOutput();
    try {
      await db.oidcRecord.deleteMany({ where: { model: "Setup" } });
      const config = { dataDir: service.config.dataDir, keyEncryptionKey: TEST_KEY_ENCRYPTION_KEY };
      await ensureSigningKeys(config);
      const lines = output.text().split("\n");
      expect(lines.filter((line) => line.includes("Scheduled a rotation of the ES256 signing key(s), which were stored in the clear before"))).toHaveLength(1);
      const keys = await listSigningKeys();
      expect(keys.find((key) => key.kid === kid)).toMatchObject({ state: "signing", retiresAt: expect.any(Date) });
      const next = keys.find((key) => key.alg === "ES256" && key.state === "pending");
      expect(next?.activatesAt.getTime()).toBeGreaterThan(Date.now() + (DEFAULT_ACTIVATION_DELAY_S - 60) * 1000);

      for (const [name, bytes] of await databaseFiles()) {
        expect(bytes.includes(legacy.d!), name).toBe(false);
        expect(bytes.includes('"d":"'), name).toBe(false);
      }
    } finally {
      output.stop();
      await db.signingKey.delete({ where: { kid } });
    }
  });

  it("in the clear are refused once the installation encrypts: a row written to the database cannot sign", async () => {
    const config = { dataDir: service.config.dataDir, keyEncryptionKey: TEST_KEY_ENCRYPTION_KEY };
    await ensureSigningKeys(config);
    const planted = await legacyRow({ activatesAt: new Date(Date.now() - 1000) });
    try {
      await ensureSigningKeys(config);
      expect((await db.signingKey.findUniqueOrThrow({ where: { kid: planted.kid! } })).encryptedPrivateJwk).toBeNull();
      const keys = await loadKeySet(config);
      expect(keys.signingKids.ES256).not.toBe(planted.kid);
      expect(keys.jwks.keys.map((key) => key.kid)).not.toContain(planted.kid);
    } finally {
      await db.signingKey.delete({ where: { kid: planted.kid! } });
    }
  });

  it("are never split between two key-encryption keys, and a rekey with the old key files gathers a mix", async () => {
    const other = parseKeyEncryptionKey(newKekText(), "other-host");
    const stray = await legacyRow({ retiresAt: new Date(Date.now() + 3_600_000) });
    await db.signingKey.update({ where: { kid: stray.kid! }, data: storedForm(other, stray.kid!, stray) });
    const config = { dataDir: service.config.dataDir, keyEncryptionKey: TEST_KEY_ENCRYPTION_KEY };
    const dir = mkdtempSync(path.join(tmpdir(), "latchkey-mix-"));
    const nextText = newKekText();
    try {
      const refusal = await rotateSigningKey(config, "ES256", 3600).catch((error: Error) => error);
      expect(refusal).toBeInstanceOf(KeyEncryptionError);
      expect((refusal as Error).message).toContain(`under key-encryption key(s) ${other.id}, and this process has ${testKek.id}`);
      expect((refusal as Error).message).not.toContain(stray.d!);

      writeFileSync(path.join(dir, "new"), nextText, { mode: 0o600 });
      writeFileSync(path.join(dir, "other"), other.key.toString("base64"), { mode: 0o600 });
      const missing = await cli(process.env, "signing-keys", "rekey", "--new-key-file", path.join(dir, "new"));
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain(`is under key-encryption key ${other.id}, which was not given`);
      const rekeyed = await cli(
        process.env,
        "signing-keys",
        "rekey",
        "--new-key-file",
        path.join(dir, "new"),
        "--old-key-file",
        path.join(dir, "other"),
        "--json",
      );
      expect(rekeyed.code, rekeyed.stderr).toBe(0);
      rekeyedTo = nextText;
      const next = parseKeyEncryptionKey(nextText, "x");
      for (const row of await db.signingKey.findMany()) expect(keyEncryptionKeyIdOf(row.encryptedPrivateJwk!), row.kid).toBe(next.id);
      expect(decryptPrivateJwk(next, stray.kid!, (await db.signingKey.findUniqueOrThrow({ where: { kid: stray.kid! } })).encryptedPrivateJwk!).d).toBe(stray.d);
      await rekeySigningKeys({ dataDir: dir, keyEncryptionKey: nextText }, testKek);
      rekeyedTo = undefined;
    } finally {
      await db.signingKey.delete({ where: { kid: stray.kid! } });
    }
  }, 90_000);

  it("are re-encrypted under a new key-encryption key by the CLI, and tokens keep verifying", async () => {
    // The service takes up the keys the tests above changed within its poll interval.
    const config = { dataDir: service.config.dataDir, keyEncryptionKey: TEST_KEY_ENCRYPTION_KEY };
    const before = await vi.waitFor(
      async () => {
        const token = await tokenFrom(service.issuer);
        const { kid, alg } = decodeProtectedHeader(token);
        expect(kid).toBe((await loadKeySet(config)).signingKids[alg as "ES256" | "RS256"]);
        return token;
      },
      { timeout: 10_000, interval: 200 },
    );
    const dir = mkdtempSync(path.join(tmpdir(), "latchkey-rekey-"));
    const nextText = newKekText();
    const next = parseKeyEncryptionKey(nextText, "x");
    writeFileSync(path.join(dir, "new-kek"), `${nextText}\n`, { mode: 0o600 });

    const rekeyed = await cli(process.env, "signing-keys", "rekey", "--new-key-file", path.join(dir, "new-kek"), "--json");
    expect(rekeyed.code, rekeyed.stderr).toBe(0);
    rekeyedTo = nextText;
    const result = JSON.parse(rekeyed.stdout) as { rekeyed: number; from: string; to: string; replacedFile: string | null };
    expect(result).toMatchObject({ from: testKek.id, to: next.id, replacedFile: null });
    expect(result.rekeyed).toBeGreaterThanOrEqual(2);
    expect(rekeyed.stdout + rekeyed.stderr).not.toContain(nextText);
    const rows = await db.signingKey.findMany();
    for (const row of rows) expect(keyEncryptionKeyIdOf(row.encryptedPrivateJwk!)).toBe(next.id);

    // An instance restarted with the new key signs with the same keys; the old key no longer opens them.
    const restarted = await startTokenService({ LATCHKEY_KEY_ENCRYPTION_KEY: nextText });
    try {
      const after = await tokenFrom(restarted.issuer);
      expect(decodeProtectedHeader(after).kid).toBe(decodeProtectedHeader(before).kid);
      expect(await verifies(restarted.issuer, after)).toBe(true);
      // The instance still running on the old key keeps the keys it loaded.
      expect(await verifies(service.issuer, await tokenFrom(service.issuer))).toBe(true);
    } finally {
      await restarted.close();
    }
    await expect(loadKeySet({ dataDir: dir, keyEncryptionKey: TEST_KEY_ENCRYPTION_KEY })).rejects.toThrow(`encrypted under key-encryption key ${next.id}`);

    // Bad input changes nothing.
    writeFileSync(path.join(dir, "bad"), "0123456789");
    const bad = await cli({ ...process.env, LATCHKEY_KEY_ENCRYPTION_KEY: nextText }, "signing-keys", "rekey", "--new-key-file", path.join(dir, "bad"));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("must be 32 random bytes in base64url");
    expect(bad.stderr).not.toContain("0123456789");
    const same = await cli({ ...process.env, LATCHKEY_KEY_ENCRYPTION_KEY: nextText }, "signing-keys", "rekey", "--new-key-file", path.join(dir, "new-kek"));
    expect(same.code).toBe(2);
    expect(same.stderr).toContain("is the one in use");
    expect((await db.signingKey.findMany()).map((row) => row.encryptedPrivateJwk)).toEqual(rows.map((row) => row.encryptedPrivateJwk));

    // Back under the test key, through the data directory's file this time: the file is replaced.
    const dataDir = path.join(dir, "data");
    mkdirSync(path.join(dataDir, "keys"), { recursive: true });
    writeFileSync(keyEncryptionKeyFile(dataDir), nextText, { mode: 0o600 });
    writeFileSync(path.join(dir, "test-kek"), TEST_KEY_ENCRYPTION_KEY);
    const back = await cli(
      { ...process.env, LATCHKEY_KEY_ENCRYPTION_KEY: "", LATCHKEY_DATA_DIR: dataDir },
      "signing-keys",
      "rekey",
      "--new-key-file",
      path.join(dir, "test-kek"),
    );
    expect(back.code, back.stderr).toBe(0);
    rekeyedTo = undefined;
    expect(back.stdout).toContain(`${keyEncryptionKeyFile(dataDir)} now holds the new key`);
    expect(readFileSync(keyEncryptionKeyFile(dataDir), "utf8").trim()).toBe(TEST_KEY_ENCRYPTION_KEY);
    expect(statSync(keyEncryptionKeyFile(dataDir)).mode & 0o777).toBe(0o600);
    // The replaced key is kept, 0600, for the backups made under it, and the operator is told to archive it.
    const oldFile = path.join(dataDir, "keys", `key-encryption-key.${next.id}.old`);
    expect(readFileSync(oldFile, "utf8").trim()).toBe(nextText);
    expect(statSync(oldFile).mode & 0o777).toBe(0o600);
    expect(back.stdout).toContain(`The old key is kept in ${oldFile}`);
    expect(back.stdout).toContain("Archive it apart from those backups");
    for (const row of await db.signingKey.findMany()) expect(keyEncryptionKeyIdOf(row.encryptedPrivateJwk!)).toBe(testKek.id);
    expect(await verifies(service.issuer, before)).toBe(true);
  }, 90_000);
});
