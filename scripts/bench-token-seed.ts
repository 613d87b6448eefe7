// Seeds the token benchmark's tenant (used by scripts/bench-token.ts, which sets
// DATABASE_URL before importing this file, because lib/db/prisma connects on import).
// Every row is made by the product's own domain functions, so the secrets' hashes and
// hints, the clients' roles and environment, and the audit entries are exactly what an
// administrator would have produced: the token endpoint is measured on real data.
import { createClient } from "@/lib/clients/create-client";
import { db } from "@/lib/db/prisma";
import { addClientSecret } from "@/lib/secrets/add-client-secret";
import { createTenant } from "@/lib/tenants/create-tenant";
import { cliTenantContext } from "@/lib/tenants/load-tenant-context";

/** What the load generator needs to authenticate: never written anywhere, kept in memory only. */
export type BenchClient = { clientId: string; secrets: string[] };

export type BenchTokenTenant = { slug: string; clients: BenchClient[]; seedMs: number };

/**
 * One tenant with `clientCount` client-credentials clients of `secretsPerClient` secrets
 * each. Sequential on purpose: each call is one transaction, and SQLite takes one writer
 * at a time anyway (about 20 s for 1,000 clients of 3 secrets on the 2-vCPU machine).
 */
export async function seedTokenBenchTenant(clientCount: number, secretsPerClient: number): Promise<BenchTokenTenant> {
  const started = performance.now();
  const slug = "bench-token";
  await createTenant({ type: "cli", label: "bench" }, { slug, name: "Token Benchmark Corp" });
  const ctx = await cliTenantContext(slug, "bench");
  // One year, the portal's default: expired secrets would be refused, and "never" is a
  // tenant policy choice a real tenant may forbid.
  const expires = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);

  const clients: BenchClient[] = [];
  for (let i = 0; i < clientCount; i++) {
    const created = await createClient(ctx, {
      type: "client-credentials",
      name: `Bench service ${String(i).padStart(4, "0")}`,
      secret: { description: "bench 1", expires },
    });
    const secrets = [created.secret.plaintext];
    for (let s = 1; s < secretsPerClient; s++) {
      secrets.push((await addClientSecret(ctx, created.clientId, { description: `bench ${s + 1}`, expires })).plaintext);
    }
    clients.push({ clientId: created.clientId, secrets });
  }

  // The server process has its own connection; this one would only hold SQLite's file open.
  await db.$disconnect();
  return { slug, clients, seedMs: Math.round(performance.now() - started) };
}
