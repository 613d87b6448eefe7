import { createPublicKey, generateKeyPairSync, sign, verify } from "node:crypto";
import { compactVerify, exportJWK, importJWK } from "jose";
import { describe, expect, it } from "vitest";
import { derToJoseSignature, LocalSigningKey } from "./local-signing-key";

describe("derToJoseSignature", () => {
  it("turns every DER ECDSA signature into the r‖s that verifies (short and long r and s included)", () => {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    // In 3,000 signatures r and s start with a high bit (DER adds 0x00) or a zero byte
    // (DER drops it) many times over.
    for (let i = 0; i < 3000; i++) {
      const data = Buffer.from(`message ${i}`);
      const jose = derToJoseSignature(sign("sha256", data, privateKey), 32);
      expect(jose).toHaveLength(64);
      expect(verify("sha256", data, { key: publicKey, dsaEncoding: "ieee-p1363" }, jose)).toBe(true);
    }
  });
});

describe("LocalSigningKey", () => {
  it("signs many requests of one event loop turn together, each with its own signature", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const key = new LocalSigningKey({ ...(await exportJWK(privateKey)), alg: "ES256", kid: "k" });
    const messages = Array.from({ length: 50 }, (_, i) => Buffer.from(`token ${i}`));
    const signatures = await Promise.all(messages.map((m) => key.sign(m)));
    signatures.forEach((signature, i) => expect(verify("sha256", messages[i]!, { key: publicKey, dsaEncoding: "ieee-p1363" }, signature)).toBe(true));
  });

  it("refuses a key it would sign wrongly", async () => {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-384" });
    expect(() => new LocalSigningKey({ ...(privateKey.export({ format: "jwk" }) as object), alg: "ES384", kid: "k" })).toThrow(/ES256 and RS256 only/);
  });

  it.each(["ES256", "RS256"] as const)("signs %s JWS that jose verifies with the public key it publishes", async (alg) => {
    const pair = alg === "ES256" ? generateKeyPairSync("ec", { namedCurve: "P-256" }) : generateKeyPairSync("rsa", { modulusLength: 2048 });
    const jwk = { ...(await exportJWK(pair.privateKey)), alg, kid: "k1" };
    const key = new LocalSigningKey(jwk);
    expect(key.kid).toBe("k1");
    expect(key.alg).toBe(alg);
    expect(key.keyObject().type).toBe("public");
    const header = Buffer.from(JSON.stringify({ alg, kid: "k1" })).toString("base64url");
    const payload = Buffer.from(JSON.stringify({ sub: "x" })).toString("base64url");
    const signature = Buffer.from(await key.sign(Buffer.from(`${header}.${payload}`))).toString("base64url");
    const publicJwk = await exportJWK(createPublicKey(pair.privateKey));
    const { payload: verified } = await compactVerify(`${header}.${payload}.${signature}`, await importJWK(publicJwk, alg));
    expect(JSON.parse(new TextDecoder().decode(verified))).toEqual({ sub: "x" });
  });
});
