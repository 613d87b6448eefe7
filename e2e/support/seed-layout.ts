// Seeds what the layout spec shows on top of the clients-list journey's twelve clients, in
// one process (run with tsx by e2e/support/layout.ts): clients at their limits of 10 secrets
// and 10 keys, a signed-JWT client, and secrets added by the administrator, whose email is
// what the Created column shows. Usage: seed-layout.ts <slug> <admin email> <member email>;
// prints the ids the spec's pages need as JSON.
import { addClientKey } from "@/lib/client-keys/add-client-key";
import { createClient } from "@/lib/clients/create-client";
import { db } from "@/lib/db/prisma";
import { addClientSecret } from "@/lib/secrets/add-client-secret";
import { ecKeyPair } from "@/lib/testing/test-keys";
import { loadUserTenantContext } from "@/lib/tenants/load-tenant-context";
import { isoDate } from "@/lib/validation/secret";

const [slug, adminEmail, memberEmail] = process.argv.slice(2);
if (!slug || !adminEmail || !memberEmail) throw new Error("usage: seed-layout.ts <slug> <admin email> <member email>");
const userId = async (email: string) => (await db.user.findUniqueOrThrow({ where: { email } })).id;
const ctx = await loadUserTenantContext(await userId(adminEmail), slug);
if (!ctx) throw new Error(`${adminEmail} is not a member of ${slug}`);
const inDays = (days: number) => isoDate(new Date(Date.now() + days * 86_400_000));

// Ten secrets (the limit), two of them due for rotation.
const fullSecrets = await createClient(ctx, {
  type: "client-credentials",
  name: "Historian with ten secrets",
  secret: { description: "Historian on plant-srv-04", expires: inDays(5) },
});
for (let i = 2; i <= 10; i++) {
  await addClientSecret(ctx, fullSecrets.clientId, { description: `Gateway ${i}`, expires: i === 2 ? inDays(20) : inDays(100 + i) });
}

// A signed-JWT client with one key, and one with ten (the limit).
const key = () => ({ key: ecKeyPair().publicJwk(), description: "Historian on plant-srv-04, 2026 key" });
const signed = await createClient(ctx, { type: "client-credentials", name: "Signed historian", securityType: "signed-jwt", publicKey: key() });
const fullKeys = await createClient(ctx, { type: "client-credentials", name: "Gateway with ten keys", securityType: "signed-jwt", publicKey: key() });
for (let i = 2; i <= 10; i++) await addClientKey(ctx, fullKeys.clientId, key());

// One that can still take a secret, for the one-time dialog.
const roomy = await createClient(ctx, { type: "client-credentials", name: "Dialog opener", secret: { expires: inDays(365) } });

process.stdout.write(
  JSON.stringify({
    fullSecrets: fullSecrets.clientId,
    signed: signed.clientId,
    fullKeys: fullKeys.clientId,
    roomy: roomy.clientId,
    memberUserId: await userId(memberEmail),
  }),
);
await db.$disconnect(); // a PostgreSQL pool would keep the process alive
