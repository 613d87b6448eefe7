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
  readonly #options: { key: KeyObject; dsaEncoding?: "ieee-p1363" };

  constructor(jwk: JWK) {
    super();
    this.#privateKey = createPrivateKey({ key: jwk as import("node:crypto").JsonWebKey, format: "jwk" });
    this.#publicKey = createPublicKey(this.#privateKey);
    // JWS wants ECDSA signatures as r||s (IEEE P1363), not DER.
    this.#options = jwk.kty === "EC" ? { key: this.#privateKey, dsaEncoding: "ieee-p1363" } : { key: this.#privateKey };
    const self = this as unknown as { kid: string; alg: string };
    self.kid = jwk.kid!;
    self.alg = jwk.alg!;
  }

  override keyObject(): KeyObject {
    return this.#publicKey;
  }

  override sign(data: Uint8Array): Uint8Array {
    return sign("sha256", data, this.#options);
  }
}
