import "server-only";
import type { Db } from "@/lib/db/prisma";
import { DomainError, notFound } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenants/tenant-context";

/** A role looked up by id *and* tenant: another tenant's role answers "not found". */
export async function findTenantRole(tx: Pick<Db, "role">, ctx: TenantContext, roleId: string) {
  const role = await tx.role.findFirst({
    where: { id: roleId, tenantId: ctx.tenantId },
    select: { id: true, name: true, description: true, builtIn: true },
  });
  if (!role) throw notFound("Role");
  return role;
}

/** For changes to a role itself: the built-in ones are part of how Latchkey works. */
export async function findCustomRole(tx: Pick<Db, "role">, ctx: TenantContext, roleId: string) {
  const role = await findTenantRole(tx, ctx, roleId);
  if (role.builtIn) throw new DomainError("VALIDATION", `"${role.name}" is a built-in role; it cannot be renamed or deleted.`);
  return role;
}
