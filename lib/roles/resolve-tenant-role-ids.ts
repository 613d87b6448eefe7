import "server-only";
import type { Db } from "@/lib/db/prisma";
import { DomainError } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenants/tenant-context";
import { ACCOUNT_MEMBER, withAccountMember } from "./built-in-roles";

/**
 * The tenant's roles for the given ids, Account Member always included. An id of another
 * tenant's role is refused like an unknown one.
 */
export async function resolveTenantRoleIds(tx: Pick<Db, "role">, ctx: TenantContext, roleIds: readonly string[]): Promise<{ id: string; name: string }[]> {
  const member = await tx.role.findFirst({ where: { tenantId: ctx.tenantId, builtIn: ACCOUNT_MEMBER } });
  if (!member) throw new Error(`Tenant ${ctx.tenantId} has no Account Member role`);
  const ids = withAccountMember(roleIds, member.id);
  const roles = await tx.role.findMany({
    where: { tenantId: ctx.tenantId, id: { in: ids } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  if (roles.length !== ids.length) throw new DomainError("VALIDATION", "Unknown role", "roleIds");
  return roles;
}
