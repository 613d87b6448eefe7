import "server-only";
import { db } from "@/lib/db/prisma";

/** The window of the per-client count of failed authentications (client-auth-failures.ts writes it). */
export const AUTH_FAILURE_SIGNAL_WINDOW_MS = 60 * 60_000;

/** Failures of a client (by its row id) in the hour before `now`, from every address and server process. */
export async function countClientAuthFailures(clientDbId: string, now = Date.now()): Promise<number> {
  const { _sum } = await db.clientAuthFailure.aggregate({
    where: { clientId: clientDbId, windowStart: { gt: new Date(now - AUTH_FAILURE_SIGNAL_WINDOW_MS) } },
    _sum: { count: true },
  });
  return _sum.count ?? 0;
}
