import "server-only";
import { revokeAccountRecords } from "@/lib/oauth/revoke-account-records";
import type { Tx } from "@/lib/tenants/tenant-transaction";

/**
 * Signs a person out everywhere, in the caller's transaction: every portal session ends, and
 * the token service forgets the person's sessions and grants with everything issued under
 * them, so applications' refresh tokens and codes stop working too. Returns how many portal
 * sessions were on.
 */
export async function endUserSessions(tx: Tx, userId: string, now = new Date()): Promise<number> {
  const { count } = await tx.portalSession.updateMany({ where: { userId, revokedAt: null, expiresAt: { gt: now } }, data: { revokedAt: now } });
  await revokeAccountRecords(tx, userId);
  return count;
}
