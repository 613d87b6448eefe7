import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateSecret, hashSecret, SECRET_BYTES, SECRET_PREFIX } from "./generate-secret";

// 32 bytes in unpadded base64url are 43 characters.
const BODY = /^[A-Za-z0-9_-]{43}$/;

describe("generateSecret", () => {
  it("is the product prefix followed by 32 random bytes in base64url", () => {
    const { plaintext } = generateSecret();
    expect(SECRET_PREFIX).toBe("lk_");
    expect(plaintext.startsWith("lk_")).toBe(true);
    expect(plaintext).toHaveLength(3 + 43);
    const body = plaintext.slice(3);
    expect(body).toMatch(BODY);
    const bytes = Buffer.from(body, "base64url");
    // At least 256 bits of entropy, and the encoding is canonical (no lost bits).
    expect(SECRET_BYTES).toBeGreaterThanOrEqual(32);
    expect(bytes).toHaveLength(32);
    expect(bytes.toString("base64url")).toBe(body);
  });

  it("never repeats a secret, hash or hint-plus-body in 1000 generations", () => {
    const secrets = Array.from({ length: 1000 }, generateSecret);
    expect(new Set(secrets.map((s) => s.plaintext)).size).toBe(1000);
    expect(new Set(secrets.map((s) => s.hash)).size).toBe(1000);
    // Random bytes, not a counter or a clock: many distinct first characters appear.
    expect(new Set(secrets.map((s) => s.plaintext[3])).size).toBeGreaterThan(50);
  });

  it("stores the SHA-256 of the plaintext, as 64 lower-case hex digits", () => {
    const secret = generateSecret();
    const expected = createHash("sha256").update(secret.plaintext).digest("hex");
    expect(secret.hash).toBe(expected);
    expect(secret.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret(secret.plaintext)).toBe(expected);
    expect(secret.hash).not.toContain(secret.plaintext.slice(3));
  });

  it("hashes a known value to its known SHA-256", () => {
    expect(hashSecret("lk_test")).toBe(createHash("sha256").update("lk_test", "utf8").digest("hex"));
    expect(hashSecret("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("gives a hint of the prefix and at most 4 random characters", () => {
    for (let i = 0; i < 100; i++) {
      const { plaintext, hint } = generateSecret();
      expect(plaintext.startsWith(hint)).toBe(true);
      expect(hint.startsWith(SECRET_PREFIX)).toBe(true);
      const randomChars = hint.length - SECRET_PREFIX.length;
      // Enough to tell secrets apart, at most 24 of the 256 bits.
      expect(randomChars).toBeGreaterThan(0);
      expect(randomChars).toBeLessThanOrEqual(4);
    }
  });
});
