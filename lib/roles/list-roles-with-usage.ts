import "server-only";
import { db } from "@/lib/db/prisma";
import type { TenantContext } from "@/lib/tenants/tenant-context";
import { BUILT_IN_ROLES, type BuiltInRole } from "./built-in-roles";

export type RoleWithUsage = {
  id: string;
  name: string;
  description: string;
  /** Set for the two protected roles, null for the tenant's custom roles. */
  builtIn: BuiltInRole | null;
  userCount: number;
  clientCount: number;
};

const BUILT_IN_ORDER = BUILT_IN_ROLES.map((role) => role.builtIn as string);

/** The tenant's roles for the Roles page: built-in first, then custom roles by name. */
export async function listRolesWithUsage(ctx: TenantContext): Promise<RoleWithUsage[]> {
  const roles = await db.role.findMany({
    where: { tenantId: ctx.tenantId },
    select: { id: true, name: true, description: true, builtIn: true, _count: { select: { memberships: true, clients: true } } },
  });
  const rank = (builtIn: string | null) => (builtIn === null ? BUILT_IN_ORDER.length : BUILT_IN_ORDER.indexOf(builtIn));
  return roles
    .sort((a, b) => rank(a.builtIn) - rank(b.builtIn) || a.name.localeCompare(b.name, "en", { sensitivity: "base" }))
    .map((role) => ({
      id: role.id,
      name: role.name,
      description: role.description,
      builtIn: role.builtIn as BuiltInRole | null,
      userCount: role._count.memberships,
      clientCount: role._count.clients,
    }));
}
