// Seeds the portal benchmark's tenant (used by scripts/bench-portal.ts, which sets
// DATABASE_URL before importing this file, because lib/db/prisma connects on import).
import { createHash, randomUUID } from "node:crypto";
import { databaseKind } from "@/lib/db/database-url";
import { db } from "@/lib/db/prisma";
import { ACCOUNT_ADMINISTRATOR, ACCOUNT_MEMBER } from "@/lib/roles/built-in-roles";
import { createTenant } from "@/lib/tenants/create-tenant";
import { cliTenantContext } from "@/lib/tenants/load-tenant-context";
import { addTenantUser } from "@/lib/users/add-tenant-user";
import type { TClientType } from "@/lib/validation/client";

const DAY = 86_400_000;
const BATCH = 1_000;
const SITES = ["Plant", "Mill", "Refinery", "Depot", "Harbor", "Mine", "Farm", "Lab"];
const APPS = ["historian", "scada gateway", "billing export", "dashboard", "mobile app", "etl job", "edge device", "reporting"];

/** 70 % client-credentials, 20 % hybrid, 10 % authorization code: mostly confidential, like seed 003's default. */
function typeOf(i: number): TClientType {
  const r = i % 10;
  return r === 0 ? "authorization-code" : r <= 2 ? "hybrid" : "client-credentials";
}

/** A spread of expiries the list has to colour: expired, due within 30 days, later, never. */
function expiryOf(i: number, now: number): Date | null {
  const r = i % 20;
  if (r === 0) return new Date(now - (1 + (i % 90)) * DAY);
  if (r <= 2) return new Date(now + (1 + (i % 29)) * DAY);
  if (r <= 5) return null;
  return new Date(now + (30 + (i % 700)) * DAY);
}

export type BenchTenant = {
  slug: string;
  adminEmail: string;
  clients: number;
  secrets: number;
  seedMs: number;
  /** How many clients the list's search should find for a term (name or Client Id, any letter case). */
  matching: (term: string) => number;
  ofType: (type: TClientType) => number;
};

/**
 * The tenant, its roles, environments and administrator go through the domain functions
 * (small, and they must look exactly like production data). The clients and their
 * secrets are bulk-inserted with createMany instead: createClient runs a transaction with
 * an audit entry per client and would take minutes; the list only reads these columns.
 */
export async function seedBenchTenant(clientCount: number, secretCount: number): Promise<BenchTenant> {
  const started = performance.now();
  const slug = "bench";
  const tenant = await createTenant({ type: "cli", label: "bench" }, { slug, name: "Benchmark Corp" });
  const ctx = await cliTenantContext(slug, "bench");
  const [roles, environments] = await Promise.all([
    db.role.findMany({ where: { tenantId: tenant.id }, select: { id: true, builtIn: true } }),
    db.environment.findMany({ where: { tenantId: tenant.id }, orderBy: { createdAt: "asc" }, select: { id: true } }),
  ]);
  const memberRole = roles.find((r) => r.builtIn === ACCOUNT_MEMBER)!.id;
  const adminRole = roles.find((r) => r.builtIn === ACCOUNT_ADMINISTRATOR)!.id;
  const adminEmail = "admin@bench.local";
  await addTenantUser(ctx, { email: adminEmail, roleIds: [adminRole] });

  const now = Date.now();
  const clients = Array.from({ length: clientCount }, (_, i) => {
    const name = `${SITES[i % SITES.length]}-${Math.floor(i / 64) % 50} ${APPS[(i >> 3) % APPS.length]} ${String(i).padStart(5, "0")}`;
    return {
      id: randomUUID(),
      tenantId: tenant.id,
      environmentId: environments[i % 3 === 0 ? 1 : 0]!.id,
      clientId: uuidOf(i),
      type: typeOf(i),
      name,
      nameSearch: name.toLowerCase(),
      // Distinct creation times, one minute apart, like clients added over months.
      createdAt: new Date(now - (clientCount - i) * 60_000),
      createdByLabel: "bench",
    };
  });
  for (let i = 0; i < clients.length; i += BATCH) await db.client.createMany({ data: clients.slice(i, i + BATCH) });

  const clientRoles = clients.flatMap((c, i) => [{ clientId: c.id, roleId: memberRole }, ...(i % 10 === 5 ? [{ clientId: c.id, roleId: adminRole }] : [])]);
  for (let i = 0; i < clientRoles.length; i += BATCH) await db.clientRole.createMany({ data: clientRoles.slice(i, i + BATCH) });

  // Only confidential clients have secrets: spread them round-robin, 3–4 each.
  const confidential = clients.filter((c) => c.type !== "authorization-code");
  const secrets = Array.from({ length: secretCount }, (_, i) => ({
    tenantId: tenant.id,
    clientId: confidential[i % confidential.length]!.id,
    // Not a real secret's hash: nothing can sign in with these.
    hash: createHash("sha256").update(`bench-secret-${i}`).digest("hex"),
    hint: `lk_b${String(i % 1000).padStart(3, "0")}`,
    description: i % 3 === 0 ? "rotation" : "",
    expiresAt: expiryOf(i, now),
    createdAt: new Date(now - (i % 300) * DAY),
    createdByLabel: "bench",
    lastUsedAt: i % 4 === 0 ? null : new Date(now - (i % 2000) * 60_000),
  }));
  for (let i = 0; i < secrets.length; i += BATCH) await db.clientSecret.createMany({ data: secrets.slice(i, i + BATCH) });

  // A production database has statistics (autovacuum analyses a table that grew this much
  // within a minute or so); measure that steady state, not the moment after a bulk load.
  if (databaseKind(process.env) === "postgres") await db.$executeRawUnsafe('VACUUM ANALYZE "Client", "ClientSecret", "ClientKey", "ClientRole"');
  await db.$disconnect();
  const seedMs = Math.round(performance.now() - started);
  const matching = (term: string) => clients.filter((c) => c.nameSearch.includes(term.toLowerCase()) || c.clientId.includes(term.toLowerCase())).length;
  const ofType = (type: TClientType) => clients.filter((c) => c.type === type).length;
  return { slug, adminEmail, clients: clientCount, secrets: secretCount, seedMs, matching, ofType };
}

/** A stable, valid-looking lower-case GUID per index. */
function uuidOf(i: number): string {
  const hex = createHash("sha256").update(`bench-client-${i}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
