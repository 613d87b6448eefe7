import "server-only";
import type { Db } from "@/lib/db/prisma";
import type { TenantContext } from "./tenant-context";

/**
 * Serializes changes to a tenant's roles, memberships and environments: the first
 * statement of such a transaction writes the tenant's row (a no-op write), so on
 * PostgreSQL a concurrent change waits for this one to commit and then sees its result —
 * two admins demoting each other cannot both pass the last-administrator check, "Ops" and
 * "ops" cannot both be created. On SQLite, write transactions already run one at a time.
 */
export async function lockTenant(tx: Pick<Db, "$executeRaw">, ctx: TenantContext): Promise<void> {
  await tx.$executeRaw`UPDATE "Tenant" SET "id" = "id" WHERE "id" = ${ctx.tenantId}`;
}
