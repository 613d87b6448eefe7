import "server-only";
import { sessionConfig, type SessionConfig } from "@/lib/config";
import { db } from "@/lib/db/prisma";

/** Rows dropped per run at most, so one run stays short however many have piled up. */
export const SWEEP_BATCH = 1000;
/** An ended session's row is kept this long (the audit trail of "signed out" is the audit log). */
const ENDED_KEPT_MS = 3600_000;

/**
 * Drops portal sessions that can no longer be used by anyone: past their lifetime (the one
 * they got or the one configured now), idle beyond the timeout, or ended an hour ago. Run
 * now and then by every server process (identity-handler.ts); idempotent and bounded.
 */
export async function sweepPortalSessions({
  now = new Date(),
  limits = sessionConfig(),
  batch = SWEEP_BATCH,
}: { now?: Date; limits?: SessionConfig; batch?: number } = {}): Promise<number> {
  const at = now.getTime();
  const rows = await db.portalSession.findMany({
    where: {
      OR: [
        { expiresAt: { lte: now } },
        { createdAt: { lte: new Date(at - limits.lifetimeSeconds * 1000) } },
        { lastSeenAt: { lte: new Date(at - limits.idleSeconds * 1000) } },
        { revokedAt: { lte: new Date(at - ENDED_KEPT_MS) } },
      ],
    },
    select: { id: true },
    take: batch,
  });
  if (rows.length === 0) return 0;
  const { count } = await db.portalSession.deleteMany({ where: { id: { in: rows.map((row) => row.id) } } });
  return count;
}
