import "server-only";
import { createPrivateKey, createPublicKey, sign, type KeyObject } from "node:crypto";
import type { JWK } from "jose";
import { ExternalSigningKey } from "oidc-provider";

/**
 * A signing key held in this process, offered to oidc-provider through its signing hook
 * (features.externalSigningSupport) so that tokens are signed with one synchronous call
 * into OpenSSL on the request's own thread. oidc-provider's default path signs through
 * WebCrypto, which queues every signature on libuv's thread pool: at thousands of tokens
 * a second, those hand-offs cost more than the signature itself.
 */
export class LocalSigningKey extends ExternalSigningKey {
  readonly #privateKey: KeyObject;
  readonly #publicKey: KeyObject;
  readonly #ecdsa: boolean;

  constructor(jwk: JWK) {
    super();
    // sign() below is SHA-256 with P-256's signature size or RSA PKCS#1 v1.5: exactly these two.
    if (jwk.alg !== "ES256" && jwk.alg !== "RS256") throw new Error(`LocalSigningKey signs ES256 and RS256 only, not ${jwk.alg}`);
    this.#privateKey = createPrivateKey({ key: jwk as import("node:crypto").JsonWebKey, format: "jwk" });
    this.#publicKey = createPublicKey(this.#privateKey);
    this.#ecdsa = jwk.kty === "EC";
    const self = this as unknown as { kid: string; alg: string };
    self.kid = jwk.kid!;
    self.alg = jwk.alg!;
  }

  override keyObject(): KeyObject {
    return this.#publicKey;
  }

  override sign(data: Uint8Array): Uint8Array {
    const signature = sign("sha256", data, this.#privateKey);
    return this.#ecdsa ? derToJoseSignature(signature, P256_SIZE) : signature;
  }
}

const P256_SIZE = 32;

/**
 * JWS wants an ECDSA signature as r‖s of fixed size (RFC 7518 3.4); OpenSSL gives DER,
 * SEQUENCE { INTEGER r, INTEGER s }. Node can produce r‖s itself (dsaEncoding:
 * "ieee-p1363"), but that path costs as much again as the signature; this reshaping costs
 * next to nothing.
 */
export function derToJoseSignature(der: Buffer, size: number): Buffer {
  const out = Buffer.alloc(size * 2);
  // After the SEQUENCE's tag and length (one byte, or 0x81 and one more for long forms).
  let offset = der[1]! & 0x80 ? 2 + (der[1]! & 0x7f) : 2;
  for (let part = 0; part < 2; part++) {
    const length = der[offset + 1]!;
    let start = offset + 2;
    let digits = length;
    // DER adds a 0x00 before a high first bit; r‖s has none, and pads short values on the left.
    while (digits > size && der[start] === 0) {
      start++;
      digits--;
    }
    der.copy(out, part * size + (size - digits), start, start + digits);
    offset += 2 + length;
  }
  return out;
}
