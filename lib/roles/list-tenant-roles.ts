import "server-only";
import { db } from "@/lib/db/prisma";
import type { TenantContext } from "@/lib/tenants/tenant-context";
import { ACCOUNT_MEMBER } from "./built-in-roles";

/** The tenant's roles for a checklist: Account Member first and locked. */
export async function listTenantRoles(ctx: TenantContext) {
  const roles = await db.role.findMany({ where: { tenantId: ctx.tenantId }, orderBy: { name: "asc" }, select: { id: true, name: true, builtIn: true } });
  return roles
    .map((role) => ({ id: role.id, name: role.name, locked: role.builtIn === ACCOUNT_MEMBER }))
    .sort((a, b) => Number(b.locked) - Number(a.locked));
}
