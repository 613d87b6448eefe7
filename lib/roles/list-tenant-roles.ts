import "server-only";
import { db } from "@/lib/db/prisma";
import type { TenantContext } from "@/lib/tenants/tenant-context";
import { ACCOUNT_MEMBER, type BuiltInRole } from "./built-in-roles";

export type RoleOption = {
  id: string;
  name: string;
  description: string;
  builtIn: BuiltInRole | null;
  /** Account Member: always on, for everyone. */
  locked: boolean;
  /** Set by a screen where this role can't be changed for this member, saying why (e.g. the only Account Administrator). */
  fixedReason?: string;
};

/** The tenant's roles for a checklist: Account Member first and locked. */
export async function listTenantRoles(ctx: TenantContext): Promise<RoleOption[]> {
  const roles = await db.role.findMany({
    where: { tenantId: ctx.tenantId },
    select: { id: true, name: true, description: true, builtIn: true },
  });
  return roles
    .map((role) => ({
      id: role.id,
      name: role.name,
      description: role.description,
      builtIn: role.builtIn as BuiltInRole | null,
      locked: role.builtIn === ACCOUNT_MEMBER,
    }))
    .sort((a, b) => Number(b.locked) - Number(a.locked) || a.name.localeCompare(b.name, "en", { sensitivity: "base" }));
}
