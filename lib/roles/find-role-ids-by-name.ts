import "server-only";
import { db } from "@/lib/db/prisma";
import { DomainError } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenants/tenant-context";

/**
 * Role ids for names typed by a person (CLI): a role's name in any letter case, or a
 * built-in key such as "account-administrator".
 */
export async function findRoleIdsByName(ctx: TenantContext, names: readonly string[], field = "roles"): Promise<string[]> {
  if (!names.length) return [];
  const roles = await db.role.findMany({ where: { tenantId: ctx.tenantId }, select: { id: true, name: true, builtIn: true } });
  return names.map((name) => {
    const wanted = name.trim().toLowerCase();
    const role = roles.find((r) => r.name.toLowerCase() === wanted || r.builtIn === wanted);
    if (!role) throw new DomainError("VALIDATION", `Unknown role "${name}" in tenant ${ctx.tenantSlug}`, field);
    return role.id;
  });
}
