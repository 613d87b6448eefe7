import "server-only";
import { db, type Db } from "@/lib/db/prisma";
import type { TenantContext } from "./tenant-context";

export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/**
 * Every change to a tenant runs in one of these. Its first statement raises the tenant's
 * configVersion, which does two things:
 * - it takes the tenant's row lock, so on PostgreSQL the tenant's changes take turns
 *   (two admins demoting each other cannot both pass the last-administrator check, "Ops"
 *   and "ops" cannot both be created) and always lock in the same order (tenant first),
 *   so they cannot deadlock; on SQLite, write transactions already run one at a time;
 * - the token service sees the new version at commit and drops its cached clients
 *   (lib/oauth/client-cache.ts), so a deleted secret stops working within a second.
 */
export function tenantTransaction<T>(ctx: TenantContext, change: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.tenant.update({ where: { id: ctx.tenantId }, data: { configVersion: { increment: 1 } }, select: { id: true } });
    return change(tx);
  });
}
