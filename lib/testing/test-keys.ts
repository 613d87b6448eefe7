// Key material for tests of signed-JWT clients: fresh key pairs in every format an
// administrator might paste (and the private forms they must never paste).
import { generateKeyPairSync, type KeyObject } from "node:crypto";

export type TestKeyPair = {
  publicKey: KeyObject;
  privateKey: KeyObject;
  /** The public key as a JWK (JSON text), optionally with a kid. */
  publicJwk: (extra?: Record<string, unknown>) => string;
  /** SPKI PEM: -----BEGIN PUBLIC KEY----- */
  publicPem: string;
  /** PKCS#8 PEM: -----BEGIN PRIVATE KEY----- */
  privatePem: string;
  /** The private key as a JWK (JSON text), with "d". */
  privateJwk: string;
};

function pair(keys: { publicKey: KeyObject; privateKey: KeyObject }): TestKeyPair {
  return {
    ...keys,
    publicJwk: (extra = {}) => JSON.stringify({ ...keys.publicKey.export({ format: "jwk" }), ...extra }),
    publicPem: keys.publicKey.export({ format: "pem", type: "spki" }).toString(),
    privatePem: keys.privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    privateJwk: JSON.stringify(keys.privateKey.export({ format: "jwk" })),
  };
}

export function ecKeyPair(namedCurve: "P-256" | "P-384" | "P-521" | "secp256k1" = "P-256"): TestKeyPair {
  return pair(generateKeyPairSync("ec", { namedCurve }));
}

export function rsaKeyPair(modulusLength = 2048): TestKeyPair {
  return pair(generateKeyPairSync("rsa", { modulusLength }));
}

export function ed25519KeyPair(): TestKeyPair {
  return pair(generateKeyPairSync("ed25519"));
}

/** A private key in the older PEM forms: PKCS#1 for RSA, SEC1 for EC. */
export function legacyPrivatePem(privateKey: KeyObject): string {
  return privateKey.export({ format: "pem", type: privateKey.asymmetricKeyType === "rsa" ? "pkcs1" : "sec1" }).toString();
}

/**
 * A self-signed X.509 certificate for an EC P-256 key, valid until 2126. Made with
 * `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -keyout /dev/null -nodes
 * -subj /CN=latchkey-test-client -days 36500`; its private key was thrown away.
 */
export const TEST_CERTIFICATE = `-----BEGIN CERTIFICATE-----
MIIBljCCATugAwIBAgIUKJJCHp8z+tZHjAkRqISSAP5cVmUwCgYIKoZIzj0EAwIw
HzEdMBsGA1UEAwwUbGF0Y2hrZXktdGVzdC1jbGllbnQwIBcNMjYxMTI5MTgyMTM3
WhgPMjEyNjExMDUxODIxMzdaMB8xHTAbBgNVBAMMFGxhdGNoa2V5LXRlc3QtY2xp
ZW50MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEpxal+19oM2j0JDvQ3qJSOeJs
oKphH21FURjhZYdvyxDmwZVAgs4SqbswS/TtNz7GwEEUOJRtzQnQHYD231+3GKNT
MFEwHQYDVR0OBBYEFAZ676qw3NZ8f8P7zDWlMCbLSlrBMB8GA1UdIwQYMBaAFAZ6
76qw3NZ8f8P7zDWlMCbLSlrBMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwID
SQAwRgIhAMibf35D4wym2ECc7G43GOVc0KpFqZ1zY+Iqqr5sG8FUAiEA7yVTA4Ag
neowanvFjYUBI3uEbPsvOaLEJY+T1uiSNgM=
-----END CERTIFICATE-----
`;

/** Pieces of a pasted key long enough to recognise it, for "the message never repeats the input". */
export function fragmentsOf(text: string): string[] {
  return text.split(/[\s"{}:,]+/).filter((part) => part.length >= 16 && !part.startsWith("-----"));
}
