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
  it.each(["ES256", "RS256"] as const)("signs %s JWS that jose verifies with the public key it publishes", async (alg) => {
    const pair = alg === "ES256" ? generateKeyPairSync("ec", { namedCurve: "P-256" }) : generateKeyPairSync("rsa", { modulusLength: 2048 });
    const jwk = { ...(await exportJWK(pair.privateKey)), alg, kid: "k1" };
    const key = new LocalSigningKey(jwk);
    expect(key.kid).toBe("k1");
    expect(key.alg).toBe(alg);
    expect(key.keyObject().type).toBe("public");
    const header = Buffer.from(JSON.stringify({ alg, kid: "k1" })).toString("base64url");
    const payload = Buffer.from(JSON.stringify({ sub: "x" })).toString("base64url");
    const signature = Buffer.from(key.sign(Buffer.from(`${header}.${payload}`))).toString("base64url");
    const publicJwk = await exportJWK(createPublicKey(pair.privateKey));
    const { payload: verified } = await compactVerify(`${header}.${payload}.${signature}`, await importJWK(publicJwk, alg));
    expect(JSON.parse(new TextDecoder().decode(verified))).toEqual({ sub: "x" });
  });
});
