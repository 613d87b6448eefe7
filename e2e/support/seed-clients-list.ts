// Seeds the clients-list journey's clients in one process (run with tsx by
// e2e/support/clients-list.ts): twelve clients of every type in both environments, through
// createClient like the CLI would, which is much faster than twelve CLI processes.
// Usage: seed-clients-list.ts <slug>; prints the created clients as JSON.
import { createClient } from "@/lib/clients/create-client";
import { db } from "@/lib/db/prisma";
import { findEnvironmentIdByName } from "@/lib/environments/find-environment-id-by-name";
import { cliTenantContext } from "@/lib/tenants/load-tenant-context";
import { isoDate } from "@/lib/validation/secret";

const slug = process.argv[2];
if (!slug) throw new Error("usage: seed-clients-list.ts <slug>");
const ctx = await cliTenantContext(slug, "e2e");
const production = await findEnvironmentIdByName(ctx, "Production");
const inDays = (days: number) => isoDate(new Date(Date.now() + days * 86_400_000));
const redirectUris = ["https://app.example.test/callback"];

const created: { name: string; clientId: string; type: string }[] = [];
const add = async (client: Parameters<typeof createClient>[1]) => {
  const { name, clientId, type } = await createClient(ctx, client);
  created.push({ name, clientId, type });
  return clientId;
};

const expiring = await add({ type: "client-credentials", name: "Sensor 01", secret: { expires: inDays(10) } });
const expired = await add({ type: "client-credentials", name: "Sensor 02", secret: { expires: inDays(5) } });
for (let i = 3; i <= 8; i++) await add({ type: "client-credentials", name: `Sensor 0${i}`, secret: { expires: inDays(365) } });
await add({ type: "hybrid", name: "Mobile App", environmentId: production, redirectUris, secret: { expires: "never" } });
await add({ type: "hybrid", name: "Field Tablet", environmentId: production, redirectUris, secret: { expires: inDays(200) } });
await add({ type: "authorization-code", name: "Customer Portal", environmentId: production, redirectUris });
await add({ type: "authorization-code", name: "Partner Site", redirectUris });

// No domain function can make a secret that has already expired (expiries lie in the
// future, and there is no way to change one), so age it in place; mark another as used.
await db.clientSecret.updateMany({
  where: { tenantId: ctx.tenantId, client: { clientId: expired } },
  data: { expiresAt: new Date(Date.now() - 3 * 86_400_000) },
});
await db.clientSecret.updateMany({
  where: { tenantId: ctx.tenantId, client: { clientId: expiring } },
  data: { lastUsedAt: new Date(Date.now() - 2 * 3_600_000) },
});

process.stdout.write(JSON.stringify(created));
await db.$disconnect(); // a PostgreSQL pool would keep the process alive
