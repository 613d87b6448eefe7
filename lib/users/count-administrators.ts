import "server-only";
import type { Db } from "@/lib/db/prisma";
import { DomainError } from "@/lib/errors";
import { ACCOUNT_ADMINISTRATOR } from "@/lib/roles/built-in-roles";
import type { TenantContext } from "@/lib/tenants/tenant-context";

/** Members of the tenant who hold Account Administrator. */
export function countAdministrators(tx: Pick<Db, "membership">, ctx: TenantContext): Promise<number> {
  return tx.membership.count({
    where: { tenantId: ctx.tenantId, roles: { some: { role: { tenantId: ctx.tenantId, builtIn: ACCOUNT_ADMINISTRATOR } } } },
  });
}

/**
 * The last-administrator rule, checked *after* a change inside its transaction (which
 * runs in tenantTransaction, so concurrent changes take turns): a tenant without an
 * Account Administrator could never be managed again, so such a change is rolled back.
 */
export async function assertAdministratorRemains(tx: Pick<Db, "membership">, ctx: TenantContext, message: string, field?: string): Promise<void> {
  if ((await countAdministrators(tx, ctx)) === 0) throw new DomainError("CONFLICT", message, field);
}
