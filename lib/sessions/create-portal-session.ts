import "server-only";
import { randomBytes } from "node:crypto";
import { sessionConfig, type SessionConfig } from "@/lib/config";
import { db } from "@/lib/db/prisma";

export type CreatedPortalSession = { id: string; createdAt: Date; expiresAt: Date };

/**
 * Records a portal sign-in; its id goes into next-auth's JWT (lib/auth/auth-options.ts).
 * The person's sessions that have ended by time are dropped here, so the table holds
 * about one row per browser a person signs in with.
 */
export async function createPortalSession({
  userId,
  now = new Date(),
  limits = sessionConfig(),
}: {
  userId: string;
  now?: Date;
  limits?: SessionConfig;
}): Promise<CreatedPortalSession> {
  const expiresAt = new Date(now.getTime() + limits.lifetimeSeconds * 1000);
  const id = randomBytes(32).toString("base64url");
  await db.$transaction([
    db.portalSession.deleteMany({ where: { userId, expiresAt: { lte: now } } }),
    db.portalSession.create({ data: { id, userId, createdAt: now, lastSeenAt: now, expiresAt } }),
  ]);
  return { id, createdAt: now, expiresAt };
}
