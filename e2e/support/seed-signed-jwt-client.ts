// Seeds a signed-JWT client with public keys through the domain layer (run with tsx by
// client-keys.spec.ts; the CLI has no key commands) and prints it as JSON.
import { addClientKey } from "@/lib/client-keys/add-client-key";
import { createClient } from "@/lib/clients/create-client";
import { db } from "@/lib/db/prisma";
import { cliTenantContext } from "@/lib/tenants/load-tenant-context";
import { ecKeyPair } from "@/lib/testing/test-keys";

const [slug, name, count = "1"] = process.argv.slice(2);
if (!slug || !name) throw new Error("usage: seed-signed-jwt-client.ts <tenant> <name> [key count]");
const ctx = await cliTenantContext(slug, "e2e");
const client = await createClient(ctx, { type: "client-credentials", name, securityType: "signed-jwt", publicKey: { key: ecKeyPair().publicJwk(), description: "key 1" } });
const keys = [client.key];
for (let i = 2; i <= Number(count); i++) keys.push(await addClientKey(ctx, client.clientId, { key: ecKeyPair().publicJwk({ kid: `key-${i}` }), description: `key ${i}` }));
process.stdout.write(JSON.stringify({ clientId: client.clientId, name: client.name, keys: keys.map(({ id, kid, thumbprint }) => ({ id, kid, thumbprint })) }));
await db.$disconnect(); // a PostgreSQL pool would keep the process alive
