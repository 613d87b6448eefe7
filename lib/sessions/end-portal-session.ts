import "server-only";
import { db } from "@/lib/db/prisma";

/** Sign-out: the session's cookie, and every copy of it, is refused from now on. */
export async function endPortalSession(id: unknown, now = new Date()): Promise<void> {
  if (typeof id !== "string" || !id) return;
  await db.portalSession.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
}
