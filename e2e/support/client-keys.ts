// Test data for the keys journeys: signed-JWT clients created through the admin CLI (the
// same domain functions as the portal), and public keys as an administrator would paste them.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { calculateJwkThumbprint, type JWK } from "jose";
import { ecKeyPair } from "@/lib/testing/test-keys";
import { latchkey } from "./cli";

export { ecKeyPair, rsaKeyPair } from "@/lib/testing/test-keys";

type KeySummary = { id: string; kid: string; thumbprint: string };
export type SeededKeyClient = { clientId: string; name: string; keys: KeySummary[] };

/** A public key in a file, as the CLI takes it. */
function keyFile(jwk: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "latchkey-e2e-key-")), "public.jwk");
  writeFileSync(file, jwk);
  return file;
}

/** A signed-JWT client (through the CLI) whose first key, "key 1", is `publicJwk` (JSON text). */
export function createSignedJwtClient(tenant: string, name: string, publicJwk: string) {
  return latchkey<{ clientId: string; name: string; key: KeySummary }>([
    "clients",
    "create",
    "--tenant",
    tenant,
    "--type",
    "client-credentials",
    "--name",
    name,
    "--security-type",
    "signed-jwt",
    "--public-key",
    keyFile(publicJwk),
    "--key-description",
    "key 1",
  ]);
}

/** A signed-JWT client with `keys` EC keys: the first named by its thumbprint, the others "key-2", "key-3"… */
export function seedSignedJwtClient(tenant: string, name: string, keys = 1): SeededKeyClient {
  const client = createSignedJwtClient(tenant, name, ecKeyPair().publicJwk());
  const added = Array.from(
    { length: keys - 1 },
    (_, i) =>
      latchkey<{ key: KeySummary }>([
        "client-keys",
        "add",
        "--tenant",
        tenant,
        "--client",
        client.clientId,
        "--public-key",
        keyFile(ecKeyPair().publicJwk({ kid: `key-${i + 2}` })),
        "--description",
        `key ${i + 2}`,
      ]).key,
  );
  return { clientId: client.clientId, name: client.name, keys: [client.key, ...added].map(({ id, kid, thumbprint }) => ({ id, kid, thumbprint })) };
}

/** The RFC 7638 thumbprint Latchkey shows for a public JWK (JSON text). */
export function thumbprintOf(jwk: string): Promise<string> {
  return calculateJwkThumbprint(JSON.parse(jwk) as JWK, "sha256");
}
