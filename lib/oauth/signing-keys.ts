import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from "jose";

export type KeyMaterial = {
  /** Private signing keys; the first ES256 key signs access tokens, RS256 is published too. */
  jwks: { keys: JWK[] };
  /** Keys for the token service's signed cookies. */
  cookieKeys: string[];
};

async function newSigningKey(alg: "ES256" | "RS256"): Promise<JWK> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, alg, use: "sig", kid: await calculateJwkThumbprint(jwk) };
}

/**
 * Keys are generated on first start and kept in the data directory (outside the
 * repository, readable by the server's user only). Created with the exclusive flag so
 * that two processes starting together agree on one set.
 */
export async function loadOrCreateKeys(dataDir: string): Promise<KeyMaterial> {
  const file = path.join(dataDir, "keys", "token-service-keys.json");
  try {
    return JSON.parse(readFileSync(file, "utf8")) as KeyMaterial;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const material: KeyMaterial = {
    jwks: { keys: [await newSigningKey("ES256"), await newSigningKey("RS256")] },
    cookieKeys: [randomBytes(32).toString("base64url")],
  };
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, JSON.stringify(material, null, 2), { flag: "wx", mode: 0o600 });
    return material;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return JSON.parse(readFileSync(file, "utf8")) as KeyMaterial;
  }
}
