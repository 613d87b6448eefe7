import "server-only";
import type { Db } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenants/tenant-context";

/**
 * A member looked up by user id *and* tenant: a user of another tenant (or no one) answers
 * "not found", the same either way.
 */
export async function findTenantMembership(tx: Pick<Db, "membership">, ctx: TenantContext, userId: string) {
  const membership = await tx.membership.findFirst({
    where: { tenantId: ctx.tenantId, userId },
    select: {
      id: true,
      user: { select: { id: true, email: true, name: true, lastSignInAt: true } },
      roles: { select: { role: { select: { id: true, name: true, builtIn: true } } } },
    },
  });
  if (!membership) throw notFound("User");
  return membership;
}
