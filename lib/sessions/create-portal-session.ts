import "server-only";
import { randomBytes } from "node:crypto";
import { sessionConfig, type SessionConfig } from "@/lib/config";
import { db } from "@/lib/db/prisma";

/** Sessions a person may have on at once; signing in beyond that ends the oldest. */
export const MAX_SESSIONS_PER_USER = 50;

export type CreatedPortalSession = { id: string; createdAt: Date; expiresAt: Date };

/**
 * Records a portal sign-in; its id goes into next-auth's JWT (lib/auth/auth-options.ts).
 * The person's sessions that have ended by time are dropped here, so the table holds
 * about one row per browser a person signs in with. The session it replaces in this browser
 * ends, whoever it was for: a copy of the old cookie must not outlive the new sign-in.
 */
export async function createPortalSession({
  userId,
  replaces,
  now = new Date(),
  limits = sessionConfig(),
}: {
  userId: string;
  /** The session this browser had until now (signing in again, or another person): it ends. */
  replaces?: string;
  now?: Date;
  limits?: SessionConfig;
}): Promise<CreatedPortalSession> {
  const expiresAt = new Date(now.getTime() + limits.lifetimeSeconds * 1000);
  const id = randomBytes(32).toString("base64url");
  await db.$transaction([
    db.portalSession.deleteMany({ where: { userId, expiresAt: { lte: now } } }),
    db.portalSession.updateMany({ where: { id: replaces ?? "", revokedAt: null }, data: { revokedAt: now } }),
    db.portalSession.create({ data: { id, userId, createdAt: now, lastSeenAt: now, expiresAt } }),
  ]);
  // The newest ones stay; any beyond the cap end (a script signing in in a loop cannot grow the table).
  const surplus = await db.portalSession.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: MAX_SESSIONS_PER_USER,
    select: { id: true },
  });
  if (surplus.length > 0) await db.portalSession.updateMany({ where: { id: { in: surplus.map((row) => row.id) }, revokedAt: null }, data: { revokedAt: now } });
  return { id, createdAt: now, expiresAt };
}
