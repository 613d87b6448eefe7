import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AUTH_FAILURE_SIGNAL_WINDOW_MS as SIGNAL_WINDOW_MS, countClientAuthFailures } from "./count-client-auth-failures";
import { db } from "@/lib/db/prisma";
import { tokenServiceTenantContext } from "@/lib/tenants/load-tenant-context";
import { isUniqueViolation } from "@/lib/db/prisma-errors";
import { claimOnce } from "./database-adapter";
import type { OAuthClientMetadata } from "./find-oauth-client";
import { logger, messageOf } from "@/lib/logging/logger";

// The per-client signal that replaces blocking a client id (which anyone could do, ids are
// public): failures for a client from every address, counted in the database so all server
// processes add to one count. Each process notes failures and writes them every few
// seconds, one upsert per client that failed, so a flood costs the database little.
const FLUSH_INTERVAL_MS = 5_000;
const BUCKET_MS = 5 * 60_000;

type Pending = { clientDbId: string; clientId: string; name: string; tenantId: string; count: number; threshold: number };
const pending = new Map<string, Pending>();
// Clients this process has audited, until when: no count, no claim, no insert for them
// (on PostgreSQL every refused insert is an ERROR line in the server log) until it ends.
const alerted = new Map<string, number>();
let timer: NodeJS.Timeout | null = null;

/** One failed authentication of a known client; `threshold` failures in an hour are audited. */
export function noteClientAuthFailure(client: OAuthClientMetadata, threshold: number): void {
  const entry = pending.get(client.latchkey_client_db_id);
  if (entry) entry.count++;
  else
    pending.set(client.latchkey_client_db_id, {
      clientDbId: client.latchkey_client_db_id,
      clientId: client.client_id,
      name: client.client_name,
      tenantId: client.latchkey_tenant_id,
      count: 1,
      threshold,
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
      if ((alerted.get(entry.clientDbId) ?? -Infinity) > now) continue;
      alerted.delete(entry.clientDbId);
      const total = await countClientAuthFailures(entry.clientDbId, now);
      if (total >= entry.threshold) await alertOnce(entry, total, now);
    } catch (error) {
      // A passing database fault must not take the token service down; the count is lost.
      logger.error({ error: messageOf(error) }, "could not record failed client authentications");
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

/**
 * Audits a client once per hour since its last alert (a sliding hour, not the clock's, so
 * failures around the top of an hour do not alert twice). One insert decides, so of all
 * processes exactly one audits it; the claim lasts the hour.
 */
async function alertOnce(entry: Pending, total: number, now: number): Promise<void> {
  const until = now + SIGNAL_WINDOW_MS;
  const first = await claimOnce("ClientAuthFailureAlert", entry.clientDbId, new Date(until));
  // Claimed here or by another process: either way, quiet in this process for a while.
  if (alerted.size >= 10_000) alerted.delete(alerted.keys().next().value!);
  alerted.set(entry.clientDbId, first ? until : now + FLUSH_INTERVAL_MS * 12);
  if (!first) return;
  await recordAuditEvent(db, await tokenServiceTenantContext(entry.tenantId), {
    action: "client.auth-failures",
    target: { type: "client", id: entry.clientId, label: entry.name },
    details: { failures: total, window: "1 hour" },
  });
}

/** Buckets older than the signal's hour; run with the token service's other clean-up. */
export async function deleteOldClientAuthFailures(now = Date.now()): Promise<void> {
  await db.clientAuthFailure.deleteMany({ where: { windowStart: { lte: new Date(now - SIGNAL_WINDOW_MS - BUCKET_MS) } } });
}
