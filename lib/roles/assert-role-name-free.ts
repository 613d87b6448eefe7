import "server-only";
import type { Db } from "@/lib/db/prisma";
import { DomainError } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenants/tenant-context";
import { BUILT_IN_ROLES } from "./built-in-roles";

/**
 * Role names are unique per tenant regardless of letter case ("Operators" and "operators"
 * would be indistinguishable in a token's roles claim to most readers). The built-in keys
 * are reserved too: the CLI accepts them as role names. Call inside tenantTransaction.
 */
export async function assertRoleNameFree(tx: Pick<Db, "role">, ctx: TenantContext, name: string, exceptRoleId?: string): Promise<void> {
  const wanted = name.toLowerCase();
  if (BUILT_IN_ROLES.some((role) => role.builtIn === wanted)) {
    throw new DomainError("CONFLICT", `"${name}" is reserved for a built-in role. Choose another name.`, "name");
  }
  const roles = await tx.role.findMany({ where: { tenantId: ctx.tenantId }, select: { id: true, name: true } });
  const taken = roles.find((role) => role.id !== exceptRoleId && role.name.toLowerCase() === wanted);
  if (taken) throw new DomainError("CONFLICT", `A role named "${taken.name}" already exists. Role names must be unique (ignoring case).`, "name");
}
