// Test data for the keys journeys: signed-JWT clients seeded through the domain layer,
// and public keys as an administrator would paste them.
import { calculateJwkThumbprint, type JWK } from "jose";
import { runScript } from "./cli";

export { ecKeyPair, rsaKeyPair } from "@/lib/testing/test-keys";

export type SeededKeyClient = { clientId: string; name: string; keys: { id: string; kid: string; thumbprint: string }[] };

/** A signed-JWT client with `keys` EC keys: the first named by its thumbprint, the others "key-2", "key-3"… */
export function seedSignedJwtClient(tenant: string, name: string, keys = 1): SeededKeyClient {
  return JSON.parse(runScript("e2e/support/seed-signed-jwt-client.ts", [tenant, name, String(keys)])) as SeededKeyClient;
}

/** The RFC 7638 thumbprint Latchkey shows for a public JWK (JSON text). */
export function thumbprintOf(jwk: string): Promise<string> {
  return calculateJwkThumbprint(JSON.parse(jwk) as JWK, "sha256");
}
