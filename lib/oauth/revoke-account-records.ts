import "server-only";
import type { Tx } from "@/lib/tenants/tenant-transaction";

/**
 * Signs a person out of every application: the token service's sessions and grants of the
 * person go, and with each grant everything issued under it (refresh tokens, codes), as a
 * revoked grant does (database-adapter.ts). Refresh tokens of hybrid clients outlive the
 * session on purpose, so ending sessions alone would leave those applications signed in.
 * Runs in the caller's transaction, beside the portal sessions it ends.
 */
export async function revokeAccountRecords(tx: Tx, accountId: string): Promise<number> {
  // A Grant row is keyed by the hash of its id, so its id comes from what names it: the
  // records issued under it, and the person's sessions (their authorizations per client).
  const rows = await tx.oidcRecord.findMany({ where: { accountId }, select: { model: true, grantId: true, payload: true } });
  const grantIds = new Set<string>();
  for (const row of rows) {
    if (row.grantId) grantIds.add(row.grantId);
    if (row.model === "Session") for (const grantId of sessionGrantIds(row.payload)) grantIds.add(grantId);
  }
  const { count } = await tx.oidcRecord.deleteMany({ where: { OR: [{ accountId }, { grantId: { in: [...grantIds] } }] } });
  return count;
}

function sessionGrantIds(payload: string): string[] {
  const authorizations = (JSON.parse(payload) as { authorizations?: Record<string, { grantId?: unknown }> }).authorizations ?? {};
  return Object.values(authorizations)
    .map((authorization) => authorization.grantId)
    .filter((grantId): grantId is string => typeof grantId === "string");
}
