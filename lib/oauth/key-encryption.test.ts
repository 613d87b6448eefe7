import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { exportJWK, generateKeyPair } from "jose";
import { describe, expect, it } from "vitest";
import {
  configuredKeyEncryptionKey,
  createKeyEncryptionKeyFile,
  decryptPrivateJwk,
  encryptPrivateJwk,
  keyEncryptionKeyFile,
  KeyEncryptionError,
  parseKeyEncryptionKey,
  replaceKeyEncryptionKeyFile,
} from "./key-encryption";

const newKek = () => parseKeyEncryptionKey(randomBytes(32).toString("base64url"), "test");
const modeOf = (file: string) => statSync(file).mode & 0o777;

async function rsaJwk() {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  return { ...(await exportJWK(privateKey)), alg: "RS256", kid: "kid-1" };
}

describe("key-encryption key", () => {
  it.each([
    "",
    "short",
    randomBytes(31).toString("base64url"),
    randomBytes(33).toString("base64url"),
    `${randomBytes(32).toString("base64url").slice(0, 42)}!`,
  ])("refuses %j with a message that repeats none of it", (text) => {
    let error: unknown;
    try {
      parseKeyEncryptionKey(text, "LATCHKEY_KEY_ENCRYPTION_KEY");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(KeyEncryptionError);
    expect((error as Error).message).toContain("LATCHKEY_KEY_ENCRYPTION_KEY must be 32 random bytes in base64url");
    if (text.length > 5) expect((error as Error).message).not.toContain(text);
  });

  it("takes base64url and standard base64 (openssl rand -base64 32) of the same bytes as one key", () => {
    const bytes = randomBytes(32);
    const url = parseKeyEncryptionKey(`${bytes.toString("base64url")}\n`, "a");
    const standard = parseKeyEncryptionKey(bytes.toString("base64"), "b");
    expect(url.key.equals(bytes)).toBe(true);
    expect(standard.id).toBe(url.id);
    expect(url.id).not.toContain(bytes.toString("base64url").slice(0, 8));
  });

  it("is created on first start as a 0600 file in a 0700 directory, once, whoever starts first", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-kek-"));
    expect(configuredKeyEncryptionKey({ dataDir, keyEncryptionKey: undefined })).toBeUndefined();
    const first = createKeyEncryptionKeyFile(dataDir);
    const second = createKeyEncryptionKeyFile(dataDir);
    expect(second.id).toBe(first.id);
    expect(modeOf(keyEncryptionKeyFile(dataDir))).toBe(0o600);
    expect(modeOf(path.dirname(keyEncryptionKeyFile(dataDir)))).toBe(0o700);
    expect(configuredKeyEncryptionKey({ dataDir, keyEncryptionKey: undefined })?.id).toBe(first.id);
    // The environment wins over the file.
    const fromEnv = newKek();
    expect(configuredKeyEncryptionKey({ dataDir, keyEncryptionKey: fromEnv.key.toString("base64url") })?.id).toBe(fromEnv.id);

    const next = newKek();
    const { oldFile } = replaceKeyEncryptionKeyFile(dataDir, next, first);
    expect(configuredKeyEncryptionKey({ dataDir, keyEncryptionKey: undefined })?.id).toBe(next.id);
    expect(modeOf(keyEncryptionKeyFile(dataDir))).toBe(0o600);
    // The replaced key stays beside it, 0600, for the backups made under it.
    expect(path.basename(oldFile)).toBe(`key-encryption-key.${first.id}.old`);
    expect(parseKeyEncryptionKey(readFileSync(oldFile, "utf8"), oldFile).id).toBe(first.id);
    expect(modeOf(oldFile)).toBe(0o600);
  });

  it("refuses a damaged key file rather than making a new one", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-kek-"));
    mkdirSync(path.join(dataDir, "keys"));
    writeFileSync(keyEncryptionKeyFile(dataDir), "not a key");
    expect(() => configuredKeyEncryptionKey({ dataDir, keyEncryptionKey: undefined })).toThrow(/must be 32 random bytes/);
    expect(readFileSync(keyEncryptionKeyFile(dataDir), "utf8")).toBe("not a key");
  });
});

describe("private signing keys under the key-encryption key", () => {
  it("encrypt to a versioned envelope with a fresh IV, and decrypt to the same JWK", async () => {
    const kek = newKek();
    const jwk = await rsaJwk();
    const one = encryptPrivateJwk(kek, "kid-1", jwk);
    const two = encryptPrivateJwk(kek, "kid-1", jwk);
    expect(one).toMatch(new RegExp(`^lkenc1\\.${kek.id}\\.[\\w-]{16}\\.[\\w-]+\\.[\\w-]{22}$`));
    expect(one.split(".")[2]).not.toBe(two.split(".")[2]);
    for (const part of [jwk.d!, jwk.p!, jwk.q!, jwk.dp!, jwk.dq!, jwk.qi!]) expect(one).not.toContain(part);
    expect(decryptPrivateJwk(kek, "kid-1", one)).toEqual(jwk);
  });

  it("do not decrypt with another key-encryption key, naming both ids and no key material", async () => {
    const [right, wrong] = [newKek(), newKek()];
    const jwk = await rsaJwk();
    const envelope = encryptPrivateJwk(right, "kid-1", jwk);
    const message = (() => {
      try {
        decryptPrivateJwk({ ...wrong, source: "LATCHKEY_KEY_ENCRYPTION_KEY" }, "kid-1", envelope);
      } catch (error) {
        expect(error).toBeInstanceOf(KeyEncryptionError);
        return (error as Error).message;
      }
    })();
    expect(message).toContain(`encrypted under key-encryption key ${right.id}`);
    expect(message).toContain(`this process has key-encryption key ${wrong.id} (from LATCHKEY_KEY_ENCRYPTION_KEY)`);
    for (const secret of [right.key.toString("base64url"), wrong.key.toString("base64url"), jwk.d!, envelope.split(".")[3]!])
      expect(message).not.toContain(secret);
  });

  it("are bound to their kid and detect tampering", async () => {
    const kek = newKek();
    const envelope = encryptPrivateJwk(kek, "kid-1", await rsaJwk());
    // Copied onto another key's row: the additional data (the kid) no longer matches.
    expect(() => decryptPrivateJwk(kek, "kid-2", envelope)).toThrow("Signing key kid-2 does not decrypt with key-encryption key");
    const parts = envelope.split(".");
    const flipped = Buffer.from(parts[3]!, "base64url");
    flipped[0]! ^= 1;
    expect(() => decryptPrivateJwk(kek, "kid-1", [...parts.slice(0, 3), flipped.toString("base64url"), parts[4]].join("."))).toThrow(/was altered/);
    expect(() => decryptPrivateJwk(kek, "kid-1", [...parts.slice(0, 4), "AAAA"].join("."))).toThrow(/was altered/);
    expect(() => decryptPrivateJwk(kek, "kid-1", `lkenc9.${parts.slice(1).join(".")}`)).toThrow(/does not read/);
  });
});
