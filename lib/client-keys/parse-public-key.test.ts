import { createPublicKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { ecKeyPair, ed25519KeyPair, fragmentsOf, legacyPrivatePem, rsaKeyPair, TEST_CERTIFICATE } from "@/lib/testing/test-keys";
import { assertionAlg, describeJwk, parsePublicKey } from "./parse-public-key";

// Turning what an administrator pastes into the public JWK the token service checks
// client assertions with (no database: "server-only" is an empty module under Vitest).

const ec = ecKeyPair();
const rsa = rsaKeyPair();

async function refusal(text: string, field?: string): Promise<DomainError> {
  const error = await parsePublicKey(text, field).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe("VALIDATION");
  return error as DomainError;
}

describe("parsePublicKey accepts", () => {
  it("an EC JWK, with the thumbprint as kid when it has none", async () => {
    const parsed = await parsePublicKey(ec.publicJwk());
    expect(parsed.thumbprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(parsed.kid).toBe(parsed.thumbprint);
    expect(parsed.jwk).toMatchObject({ kty: "EC", crv: "P-256", use: "sig", kid: parsed.thumbprint });
    expect(describeJwk(parsed.jwk)).toBe("EC P-256");
  });

  it("the same key as PEM, with the same thumbprint, and keeps a given kid and alg", async () => {
    const fromPem = await parsePublicKey(ec.publicPem);
    const withKid = await parsePublicKey(ec.publicJwk({ kid: "plant-04-2026", alg: "ES256" }));
    expect(fromPem.thumbprint).toBe(withKid.thumbprint);
    expect(withKid).toMatchObject({ kid: "plant-04-2026", jwk: { kid: "plant-04-2026", alg: "ES256" } });
  });

  it("a JWK Set holding one key, RSA of 2048 bits, Ed25519, and PKCS#1 RSA public keys", async () => {
    expect((await parsePublicKey(JSON.stringify({ keys: [JSON.parse(ec.publicJwk())] }))).jwk.kty).toBe("EC");
    expect(describeJwk((await parsePublicKey(rsa.publicPem)).jwk)).toBe("RSA 2048");
    expect(describeJwk((await parsePublicKey(ed25519KeyPair().publicJwk())).jwk)).toBe("Ed25519");
    const pkcs1 = rsa.publicKey.export({ format: "pem", type: "pkcs1" }).toString();
    expect((await parsePublicKey(pkcs1)).thumbprint).toBe((await parsePublicKey(rsa.publicPem)).thumbprint);
  });

  it("an X.509 certificate, keeping only its public key", async () => {
    const parsed = await parsePublicKey(TEST_CERTIFICATE);
    expect(describeJwk(parsed.jwk)).toBe("EC P-256");
    const expected = createPublicKey(TEST_CERTIFICATE).export({ format: "jwk" });
    expect(parsed.jwk).toMatchObject({ x: expected.x, y: expected.y });
  });

  it("surrounding blank lines and spaces", async () => {
    expect((await parsePublicKey(`\n  ${ec.publicPem}\n\n`)).thumbprint).toBe((await parsePublicKey(ec.publicPem)).thumbprint);
  });
});

describe("parsePublicKey refuses", () => {
  const privateForms: [string, string][] = [
    ["PKCS#8 PEM (RSA)", rsa.privatePem],
    ["PKCS#8 PEM (EC)", ec.privatePem],
    ["PKCS#1 PEM", legacyPrivatePem(rsa.privateKey)],
    ["SEC1 EC PEM", legacyPrivatePem(ec.privateKey)],
    ["a JWK with d", ec.privateJwk],
    ["an RSA JWK with d, p, q", rsa.privateJwk],
    ["a JWK Set holding a private key", JSON.stringify({ keys: [JSON.parse(ec.privateJwk)] })],
    ["a symmetric JWK", JSON.stringify({ kty: "oct", k: "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0" })],
  ];

  it.each(privateForms)("a private key: %s, without repeating any of it", async (_form, text) => {
    const error = await refusal(text, "publicKey.key");
    expect(error.message).toMatch(/This is a private key\. Paste only the public key/);
    expect(error.field).toBe("publicKey.key");
    for (const fragment of fragmentsOf(text)) expect(error.message).not.toContain(fragment);
  });

  it.each([
    ["RSA under 2048 bits", () => rsaKeyPair(1024).publicPem, /at least 2048 bits/],
    ["a curve other than P-256/384/521", () => ecKeyPair("secp256k1").publicPem, /P-256, P-384 or P-521/],
    ["a JWK Set with several keys", () => JSON.stringify({ keys: [JSON.parse(ec.publicJwk()), JSON.parse(rsa.publicJwk())] }), /several keys/],
    ["an encryption key", () => ec.publicJwk({ use: "enc" }), /not for signatures/],
    ["an alg that does not fit the key", () => ec.publicJwk({ alg: "RS256" }), /"alg" must be ES256 for this key/],
    ["an alg of another curve (it could never verify)", () => ecKeyPair("P-384").publicJwk({ alg: "ES256" }), /"alg" must be ES384 for this key/],
    ["an Ed25519 key naming an alg other than EdDSA", () => ed25519KeyPair().publicJwk({ alg: "Ed25519" }), /"alg" must be EdDSA for this key/],
    ["a kid with spaces", () => ec.publicJwk({ kid: "my key" }), /"kid" must be printable text/],
    ["JSON that is not a JWK", () => '{"hello":"world"}', /no "kty"/],
    ["broken JSON", () => '{"kty":"EC",', /not valid JSON/],
    ["a JWK with broken members", () => JSON.stringify({ kty: "EC", crv: "P-256", x: "AAAA", y: "AAAA" }), /not a valid public key/],
    ["a PEM block of another kind", () => "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----", /Paste a PEM public key/],
    ["a damaged PEM public key", () => "-----BEGIN PUBLIC KEY-----\nnot base64 at all\n-----END PUBLIC KEY-----", /could not be read/],
    ["plain text", () => "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq0 user@host", /as a JWK \(JSON\) or in PEM format/],
  ])("%s", async (_case, text, message) => {
    expect((await refusal(text())).message).toMatch(message);
  });
});

describe("assertionAlg", () => {
  it("is the algorithm the key names, else its type's first", async () => {
    const algOf = async (text: string) => assertionAlg((await parsePublicKey(text)).jwk);
    expect(await algOf(ec.publicJwk())).toBe("ES256");
    expect(await algOf(rsa.publicJwk())).toBe("RS256");
    expect(await algOf(ed25519KeyPair().publicJwk())).toBe("EdDSA");
    expect(await algOf(rsa.publicJwk({ alg: "PS256" }))).toBe("PS256");
  });
});
