// Seeds the token benchmark's tenant (used by scripts/bench-token.ts, which sets
// DATABASE_URL before importing this file, because lib/db/prisma connects on import).
// The rows are the ones an administrator's createClient and addClientSecret produce, in
// bulk: each client's input goes through the same zod schemas and tenant policy checks,
// each secret through the same generateSecret (CSPRNG plaintext, SHA-256 hash, hint), the
// clients get the roles and environment createClient resolves, and every client and secret
// its audit entry, from the domain's own row and entry builders. Only the writing differs:
// one transaction for the whole import, each batch's rows of a table in one INSERT … SELECT
// from a single JSON parameter, instead of one transaction per client and secret (the domain
// calls took 16-20 s per 1,000 clients). Measured for 100,000 clients × 3 secrets with their
// audit entries (900,000 rows) on the 2-vCPU machine while others ran: Prisma's createMany
// costs about 400 µs a row in its query compiler (4 minutes); the JSON insert committed per
// batch of 500 took 121 s, mostly SQLite rewriting random-keyed index pages (ids, secret
// hashes) at every commit; in one transaction, rows as JSON arrays, 54 s. It stays a
// benchmark tool: no product entry point imports clients in bulk yet.
import { randomUUID } from "node:crypto";
import { tenantAuditEventRow } from "@/lib/audit/record-audit-event";
import { clientCreatedEvent } from "@/lib/clients/create-client";
import { resolveEnvironment } from "@/lib/clients/resolve-environment";
import { db } from "@/lib/db/prisma";
import { databaseKind } from "@/lib/db/database-url";
import { resolveTenantRoleIds } from "@/lib/roles/resolve-tenant-role-ids";
import { generateSecret } from "@/lib/secrets/generate-secret";
import { newSecretRow, secretCreatedEvent } from "@/lib/secrets/insert-client-secret";
import { createTenant } from "@/lib/tenants/create-tenant";
import { cliTenantContext } from "@/lib/tenants/load-tenant-context";
import type { Tx } from "@/lib/tenants/tenant-transaction";
import { actorUserId, type TenantContext } from "@/lib/tenants/tenant-context";
import { assertClientNameAllowed, assertSecretExpiryAllowed, loadTenantPolicy } from "@/lib/tenants/tenant-policy";
import { ZCreateClient } from "@/lib/validation/client";
import { parseInput } from "@/lib/validation/parse-input";
import { MAX_SECRETS_PER_CLIENT, ZSecretInput } from "@/lib/validation/secret";

/** What the load generator needs to authenticate: never written anywhere, kept in memory only. */
export type BenchClient = { clientId: string; secrets: string[] };

export type BenchTokenTenant = { slug: string; clients: BenchClient[]; seedMs: number };

/** Clients per statement: a few megabytes of JSON each. */
const BATCH = 2_000;

type Row = Record<string, string | number | boolean | Date | null>;

/** One tenant with `clientCount` client-credentials clients of `secretsPerClient` secrets each. */
export async function seedTokenBenchTenant(clientCount: number, secretsPerClient: number): Promise<BenchTokenTenant> {
  if (secretsPerClient < 1 || secretsPerClient > MAX_SECRETS_PER_CLIENT) throw new Error(`1 to ${MAX_SECRETS_PER_CLIENT} secrets per client`);
  const started = performance.now();
  const slug = "bench-token";
  await createTenant({ type: "cli", label: "bench" }, { slug, name: "Token Benchmark Corp" });
  const ctx = await cliTenantContext(slug, "bench");
  // SQLite's default page cache (2 MB) is soon smaller than the random-keyed indexes the rows
  // go into: with 1 GB (this connection only) the transaction's pages stay in memory until
  // its commit writes each once (the file has 500 MB at 100,000 clients).
  if (databaseKind(process.env) === "sqlite") await db.$executeRawUnsafe("PRAGMA cache_size = -1048576");

  const clients: BenchClient[] = [];
  // The whole import is one tenant change, as tenantTransaction makes it: configVersion first.
  await db.$transaction(
    async (tx) => {
      await tx.tenant.update({ where: { id: ctx.tenantId }, data: { configVersion: { increment: 1 } }, select: { id: true } });
      const batch = await importContext(tx, ctx, secretsPerClient);
      for (let first = 0; first < clientCount; first += BATCH) clients.push(...(await batch(first, Math.min(first + BATCH, clientCount))));
    },
    { timeout: 600_000, maxWait: 10_000 },
  );

  // The server process has its own connection; this one would only hold SQLite's file open.
  await db.$disconnect();
  return { slug, clients, seedMs: Math.round(performance.now() - started) };
}

/** What createClient reads inside its transaction, read once; returns the writer of clients from..to. */
async function importContext(tx: Tx, ctx: TenantContext, secretsPerClient: number) {
  const policy = await loadTenantPolicy(tx, ctx);
  const environment = await resolveEnvironment(tx, ctx, undefined);
  const roles = await resolveTenantRoleIds(tx, ctx, []);
  // One year, the portal's default: expired secrets would be refused, and "never" is a
  // tenant policy choice a real tenant may forbid.
  const expires = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);

  return async (from: number, to: number): Promise<BenchClient[]> => {
    const clients: BenchClient[] = [];
    const clientRows = [];
    const secretRows = [];
    const auditRows = [];
    for (let i = from; i < to; i++) {
      const input = parseInput(ZCreateClient, {
        type: "client-credentials",
        name: `Bench service ${String(i).padStart(6, "0")}`,
        secret: { description: "bench 1", expires },
      });
      if (input.type !== "client-credentials") throw new Error("unreachable: a client-credentials input");
      assertClientNameAllowed(policy, input.name);
      const client = {
        id: randomUUID(),
        tenantId: ctx.tenantId,
        environmentId: environment.id,
        clientId: input.clientId || randomUUID(),
        type: input.type,
        name: input.name,
        nameSearch: input.name.toLowerCase(),
        description: input.description,
        tokenLifetime: input.tokenLifetime,
        allowRefreshToken: false,
        securityType: input.securityType,
        tokenSigningAlg: input.tokenSigningAlg,
        createdById: actorUserId(ctx.actor),
        createdByLabel: ctx.actor.label,
      };
      clientRows.push(client);
      auditRows.push(tenantAuditEventRow(ctx, clientCreatedEvent(client, environment.name, roles, [])));
      const plaintexts: string[] = [];
      for (let s = 0; s < secretsPerClient; s++) {
        const secretInput = s === 0 ? input.secret! : parseInput(ZSecretInput, { description: `bench ${s + 1}`, expires });
        assertSecretExpiryAllowed(policy, secretInput.expires, "expires");
        const secret = generateSecret();
        const row = { id: randomUUID(), clientId: client.id, ...newSecretRow(ctx, secretInput, secret) };
        secretRows.push(row);
        auditRows.push(tenantAuditEventRow(ctx, secretCreatedEvent(client, row)));
        plaintexts.push(secret.plaintext);
      }
      clients.push({ clientId: client.clientId, secrets: plaintexts });
    }
    const now = new Date();
    await insertRows(
      tx,
      "Client",
      clientRows.map((c) => ({ ...c, createdAt: now, updatedAt: now })),
    );
    await insertRows(
      tx,
      "ClientRole",
      clientRows.flatMap((c) => roles.map((role) => ({ clientId: c.id, roleId: role.id }))),
    );
    await insertRows(
      tx,
      "ClientSecret",
      secretRows.map((row) => ({ ...row, createdAt: now, lastUsedAt: null })),
    );
    await insertRows(
      tx,
      "AuditEvent",
      auditRows.map((row) => ({ id: randomUUID(), ...row, createdAt: now })),
    );
    return clients;
  };
}

/**
 * All rows of one table in one statement with one parameter, their JSON, on either
 * database: the rows must name every column (no default applies). Dates are written as
 * Prisma writes them: ISO text with "+00:00" on SQLite, timestamp(3) in UTC on PostgreSQL.
 * SQLite gets each row as an array (half the time of looking its values up by name).
 */
function insertRows(tx: Tx, table: string, rows: Row[]) {
  const columns = Object.keys(rows[0]!);
  const list = columns.map((c) => `"${c}"`).join(", ");
  if (databaseKind(process.env) === "sqlite") {
    const json = JSON.stringify(rows.map((row) => columns.map((c) => (row[c] instanceof Date ? row[c].toISOString().replace("Z", "+00:00") : row[c]))));
    return tx.$executeRawUnsafe(`INSERT INTO "${table}" (${list}) SELECT ${columns.map((_, i) => `value ->> ${i}`).join(", ")} FROM json_each(?)`, json);
  }
  return tx.$executeRawUnsafe(`INSERT INTO "${table}" (${list}) SELECT ${list} FROM json_populate_recordset(NULL::"${table}", $1::json)`, JSON.stringify(rows));
}
