import "server-only";
import { createPublicKey, type JsonWebKey as NodeJwk, type KeyObject } from "node:crypto";
import { calculateJwkThumbprint, type JWK } from "jose";
import { DomainError } from "@/lib/errors";
import { looksLikePrivateKey } from "@/lib/validation/client-key";

export type ParsedPublicKey = { jwk: JWK; kid: string; thumbprint: string };

const KEY_TYPES = new Set(["RSA", "EC", "OKP"]);
// The JWS algorithms (enabled in create-provider.ts) a key can verify, by type and curve:
// oidc-provider picks a client's key by the assertion's alg, so a key naming another
// alg than its own could never verify anything.
const ALGS_BY_KEY: Record<string, string[]> = {
  rsa: ["RS256", "PS256"],
  prime256v1: ["ES256"],
  secp384r1: ["ES384"],
  secp521r1: ["ES512"],
  ed25519: ["EdDSA"],
};
const MIN_RSA_BITS = 2048;

/**
 * A pasted public key, checked and turned into the public JWK the token service verifies
 * client assertions with. Errors never repeat the input: a private key pasted by mistake
 * must not travel any further (into a message, a log or the audit trail).
 */
export async function parsePublicKey(text: string, field = "key"): Promise<ParsedPublicKey> {
  const fail = (message: string): never => {
    throw new DomainError("VALIDATION", message, field);
  };
  const trimmed = text.trim();
  if (looksLikePrivateKey(trimmed))
    fail("This is a private key. Paste only the public key: the private key must stay with the application. Nothing was saved.");
  const given: { kid?: string; alg?: string } = {};
  let keyObject: KeyObject;

  if (trimmed.startsWith("{")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      return fail('This is not valid JSON. Paste a JWK, e.g. {"kty":"EC","crv":"P-256","x":"…","y":"…"}, or a PEM public key.');
    }
    let jwk = parsed as Record<string, unknown>;
    if (Array.isArray(jwk.keys)) {
      if (jwk.keys.length !== 1) fail("This JWK Set holds several keys. Add them one at a time.");
      jwk = jwk.keys[0] as Record<string, unknown>;
    }
    if (typeof jwk !== "object" || jwk === null || typeof jwk.kty !== "string") fail('This JSON is not a JWK: it has no "kty".');
    if (!KEY_TYPES.has(jwk.kty as string)) fail("Only RSA, EC (P-256, P-384, P-521) and Ed25519 keys can sign client assertions.");
    if (jwk.use !== undefined && jwk.use !== "sig") fail('This key is not for signatures ("use" is not "sig").');
    if (jwk.alg !== undefined) {
      if (typeof jwk.alg !== "string") fail('"alg" must be text, e.g. "ES256".');
      given.alg = jwk.alg as string;
    }
    if (jwk.kid !== undefined) {
      if (typeof jwk.kid !== "string" || !/^[\x21-\x7e]{1,200}$/.test(jwk.kid)) fail('"kid" must be printable text without spaces, at most 200 characters.');
      given.kid = jwk.kid as string;
    }
    try {
      keyObject = createPublicKey({ key: jwk as NodeJwk, format: "jwk" });
    } catch {
      return fail("This JWK is not a valid public key: check its members (n and e for RSA; crv, x and y for EC).");
    }
  } else if (trimmed.startsWith("-----BEGIN")) {
    if (!/-----BEGIN (PUBLIC KEY|RSA PUBLIC KEY|CERTIFICATE)-----/.test(trimmed))
      fail("Paste a PEM public key (BEGIN PUBLIC KEY) or certificate (BEGIN CERTIFICATE).");
    try {
      keyObject = createPublicKey(trimmed);
    } catch {
      return fail("This PEM block could not be read as a public key or certificate.");
    }
  } else {
    return fail("Paste the public key as a JWK (JSON) or in PEM format (-----BEGIN PUBLIC KEY-----).");
  }

  const details = keyObject.asymmetricKeyDetails ?? {};
  const algs = algsOf(keyObject);
  if (!algs)
    fail(
      keyObject.asymmetricKeyType === "ec"
        ? "EC keys must use the P-256, P-384 or P-521 curve."
        : "Only RSA, EC (P-256, P-384, P-521) and Ed25519 keys can sign client assertions.",
    );
  if (keyObject.asymmetricKeyType === "rsa" && (details.modulusLength ?? 0) < MIN_RSA_BITS) fail(`RSA keys must have at least ${MIN_RSA_BITS} bits.`);
  if (given.alg !== undefined && !algs!.includes(given.alg)) fail(`"alg" must be ${algs!.join(" or ")} for this key.`);

  const jwk = keyObject.export({ format: "jwk" }) as JWK;
  const thumbprint = await calculateJwkThumbprint(jwk, "sha256");
  return { jwk: { ...jwk, use: "sig", ...given, kid: given.kid ?? thumbprint }, kid: given.kid ?? thumbprint, thumbprint };
}

function algsOf(keyObject: KeyObject): string[] | undefined {
  const type = keyObject.asymmetricKeyType === "ec" ? keyObject.asymmetricKeyDetails?.namedCurve : keyObject.asymmetricKeyType;
  return ALGS_BY_KEY[type ?? ""];
}

/** The algorithm a registered key's assertions are signed with: the one it names, else its type's first (ES256, RS256, …). */
export function assertionAlg(jwk: JWK): string {
  return jwk.alg ?? algsOf(createPublicKey({ key: jwk as NodeJwk, format: "jwk" }))?.[0] ?? "ES256";
}

/** A key's type and size for people, e.g. "EC P-256", "RSA 2048", "Ed25519". */
export function describeJwk(jwk: JWK): string {
  if (jwk.kty === "RSA") return `RSA ${Math.round((Buffer.from(jwk.n ?? "", "base64url").length * 8) / 256) * 256}`;
  if (jwk.kty === "OKP") return jwk.crv ?? "OKP";
  return `${jwk.kty} ${jwk.crv ?? ""}`.trim();
}
