import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AUTH_FAILURE_SIGNAL_WINDOW_MS as SIGNAL_WINDOW_MS, countClientAuthFailures } from "@/lib/clients/count-client-auth-failures";
import { db } from "@/lib/db/prisma";
import { isUniqueViolation } from "@/lib/db/prisma-errors";
import { claimOnce } from "./database-adapter";
import type { OAuthClientMetadata } from "./find-oauth-client";

// The per-client signal that replaces blocking a client id (which anyone could do, ids are
// public): failures for a client from every address, counted in the database so all server
// processes add to one count. Each process notes failures and writes them every few
// seconds, one upsert per client that failed, so a flood costs the database little.
const FLUSH_INTERVAL_MS = 5_000;
const BUCKET_MS = 5 * 60_000;

type Pending = { clientDbId: string; clientId: string; name: string; tenantId: string; tenantSlug: string; count: number };
const pending = new Map<string, Pending>();
let alertAt = Infinity;
let timer: NodeJS.Timeout | null = null;

/** One failed authentication of a known client; `threshold` failures in an hour are audited. */
export function noteClientAuthFailure(client: OAuthClientMetadata, threshold: number): void {
  alertAt = threshold;
  const entry = pending.get(client.latchkey_client_db_id);
  if (entry) entry.count++;
  else
    pending.set(client.latchkey_client_db_id, {
      clientDbId: client.latchkey_client_db_id,
      clientId: client.client_id,
      name: client.client_name,
      tenantId: client.latchkey_tenant_id,
      tenantSlug: client.latchkey_tenant,
      count: 1,
    });
  timer ??= setTimeout(() => void flushClientAuthFailures(), FLUSH_INTERVAL_MS).unref();
}

/** Writes what was noted, and audits each client past the threshold once per hour. Never throws. */
export async function flushClientAuthFailures(now = Date.now()): Promise<void> {
  timer = null;
  const entries = [...pending.values()];
  pending.clear();
  for (const entry of entries) {
    try {
      await addFailures(entry, new Date(now - (now % BUCKET_MS)));
      const total = await countClientAuthFailures(entry.clientDbId, now);
      if (total >= alertAt) await alertOnce(entry, total, now);
    } catch (error) {
      // A passing database fault must not take the token service down; the count is lost.
      console.error("could not record failed client authentications:", error instanceof Error ? error.message : error);
    }
  }
}

async function addFailures(entry: Pending, windowStart: Date): Promise<void> {
  const where = { clientId_windowStart: { clientId: entry.clientDbId, windowStart } };
  const upsert = () =>
    db.clientAuthFailure.upsert({
      where,
      create: { clientId: entry.clientDbId, windowStart, count: entry.count },
      update: { count: { increment: entry.count } },
    });
  try {
    await upsert();
  } catch (error) {
    // Another process created the bucket between our read and insert: it is there now.
    if (!isUniqueViolation(error)) throw error;
    await upsert();
  }
}

async function alertOnce(entry: Pending, total: number, now: number): Promise<void> {
  const hour = now - (now % SIGNAL_WINDOW_MS);
  // One insert decides, so of all processes exactly one audits this client in this hour.
  if (!(await claimOnce("ClientAuthFailureAlert", `${entry.clientDbId} ${hour}`, new Date(hour + 2 * SIGNAL_WINDOW_MS)))) return;
  await recordAuditEvent(
    db,
    // The token service acts on its own: no member, no administrator rights.
    {
      tenantId: entry.tenantId,
      tenantSlug: entry.tenantSlug,
      tenantName: entry.tenantSlug,
      actor: { type: "token-service", label: "Token service" },
      isAdministrator: false,
    },
    {
      action: "client.auth-failures",
      target: { type: "client", id: entry.clientId, label: entry.name },
      details: { failures: total, window: "1 hour" },
    },
  );
}

/** Buckets older than the signal's hour; run with the token service's other clean-up. */
export async function deleteOldClientAuthFailures(now = Date.now()): Promise<void> {
  await db.clientAuthFailure.deleteMany({ where: { windowStart: { lte: new Date(now - SIGNAL_WINDOW_MS - BUCKET_MS) } } });
}
