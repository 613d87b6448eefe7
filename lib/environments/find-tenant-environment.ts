import "server-only";
import type { Db } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenants/tenant-context";

/** An environment by id *and* tenant: another tenant's id answers "not found". */
export async function findTenantEnvironment(tx: Pick<Db, "environment">, ctx: TenantContext, environmentId: string) {
  const environment = await tx.environment.findFirst({
    where: { id: environmentId, tenantId: ctx.tenantId },
    select: { id: true, name: true },
  });
  if (!environment) throw notFound("Environment");
  return environment;
}
