import { describe, expect, it } from "vitest";
import { ecKeyPair, ed25519KeyPair, legacyPrivatePem, rsaKeyPair, TEST_CERTIFICATE } from "@/lib/testing/test-keys";
import { looksLikePrivateKey, PRIVATE_KEY_REFUSED, ZAddClientKey, ZDeleteClientKey } from "./client-key";

// The browser's check that keeps a pasted private key from ever being sent.

const ec = ecKeyPair();
const rsa = rsaKeyPair();
const clientId = "3f2c8a4e-5b1d-4c6f-9a0e-7d2b1c3e4f5a";

describe("looksLikePrivateKey", () => {
  it.each([
    ["PKCS#8 PEM", rsa.privatePem],
    ["PKCS#1 PEM", legacyPrivatePem(rsa.privateKey)],
    ["SEC1 EC PEM", legacyPrivatePem(ec.privateKey)],
    ["an encrypted PKCS#8 PEM", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIF…\n-----END ENCRYPTED PRIVATE KEY-----"],
    ["an OpenSSH private key", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl…\n-----END OPENSSH PRIVATE KEY-----"],
    ["a PuTTY key file", "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none"],
    ["an EC JWK with d", ec.privateJwk],
    ["an Ed25519 JWK with d", ed25519KeyPair().privateJwk],
    ["an RSA JWK with d", rsa.privateJwk],
    ["a symmetric JWK", '{"kty":"oct","k":"c2VjcmV0"}'],
    ["a JWK Set with a private key", JSON.stringify({ keys: [JSON.parse(ec.publicJwk()), JSON.parse(ec.privateJwk)] })],
    ["a public key pasted with its private key", `${ec.publicPem}\n${ec.privatePem}`],
  ])("spots %s", (_form, text) => {
    expect(looksLikePrivateKey(text)).toBe(true);
  });

  it.each([
    ["an EC JWK", ec.publicJwk()],
    ["an RSA JWK", rsa.publicJwk({ kid: "rsa-1" })],
    ["a JWK Set of public keys", JSON.stringify({ keys: [JSON.parse(ec.publicJwk())] })],
    ["a PEM public key", ec.publicPem],
    ["a certificate", TEST_CERTIFICATE],
    ["text that is not a key", "hello"],
    ["broken JSON", '{"d":'],
  ])("leaves %s to the server", (_form, text) => {
    expect(looksLikePrivateKey(text)).toBe(false);
  });
});

describe("ZAddClientKey", () => {
  it("refuses a private key at the key's field, naming no part of it", () => {
    const result = ZAddClientKey.safeParse({ clientId, publicKey: { key: ec.privatePem } });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ["publicKey", "key"], message: PRIVATE_KEY_REFUSED })]);
  });

  it("accepts a public key with a description, trimmed", () => {
    expect(ZAddClientKey.parse({ clientId: clientId.toUpperCase(), publicKey: { key: ` ${ec.publicPem}`, description: " plant 4 " } })).toEqual({
      clientId,
      publicKey: { key: ec.publicPem.trim(), description: "plant 4" },
    });
  });

  it("needs a key, and a key id to delete", () => {
    expect(ZAddClientKey.safeParse({ clientId, publicKey: { key: " " } }).error?.issues[0]?.message).toMatch(/Paste the client's public key/);
    expect(ZDeleteClientKey.safeParse({ clientId, keyId: "" }).error?.issues[0]?.message).toBe("Choose a key");
    expect(ZDeleteClientKey.safeParse({ clientId: "nope", keyId: "k" }).success).toBe(false);
  });
});
