import "server-only";
import { sessionConfig, type SessionConfig } from "@/lib/config";
import { db } from "@/lib/db/prisma";

/**
 * lastSeenAt is written at most this often per session: a write on every request would
 * turn every page view (and every token service check) into a database write. The idle
 * timeout is therefore counted from a moment at most this much before the last request,
 * so a session may end up to a minute (or half the idle timeout) early, never late.
 */
export const LAST_SEEN_WRITE_INTERVAL_MS = 60_000;

/** At most a minute, and at most half the idle timeout: a short timeout must not outrun the writes. */
export function lastSeenWriteInterval(limits: SessionConfig): number {
  return Math.min(LAST_SEEN_WRITE_INTERVAL_MS, (limits.idleSeconds * 1000) / 2);
}

export type ActivePortalSession = { id: string; userId: string; createdAt: Date; expiresAt: Date };

/**
 * Whether the portal session a cookie names is still on: one read by primary key on every
 * request, on purpose without a cache, so a sign-out is refused by every server process at
 * once. Off when ended (sign-out, an administrator), past its lifetime (the one it got at
 * sign-in, or the one configured now if shorter), idle too long, or
 * when the cookie's user is not the session's.
 */
export async function checkPortalSession({
  id,
  userId,
  now = new Date(),
  limits = sessionConfig(),
}: {
  id: unknown;
  userId: unknown;
  now?: Date;
  limits?: SessionConfig;
}): Promise<ActivePortalSession | null> {
  if (typeof id !== "string" || !id || typeof userId !== "string") return null;
  const session = await db.portalSession.findUnique({ where: { id } });
  if (!session || session.userId !== userId || session.revokedAt) return null;
  const at = now.getTime();
  // expiresAt is the lifetime at sign-in; a lifetime lowered since then applies too.
  const end = Math.min(session.expiresAt.getTime(), session.createdAt.getTime() + limits.lifetimeSeconds * 1000);
  if (at >= end || at - session.lastSeenAt.getTime() >= limits.idleSeconds * 1000) return null;
  if (at - session.lastSeenAt.getTime() >= lastSeenWriteInterval(limits)) {
    // Only forward, and never for a session ended meanwhile: concurrent requests may race.
    await db.portalSession.updateMany({ where: { id, revokedAt: null, lastSeenAt: { lt: now } }, data: { lastSeenAt: now } });
  }
  return { id: session.id, userId: session.userId, createdAt: session.createdAt, expiresAt: session.expiresAt };
}
