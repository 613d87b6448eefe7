import "server-only";
import type { Db } from "@/lib/db/prisma";
import { DomainError } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenants/tenant-context";

/** The tenant's environment by id, or its first one (Development for new tenants) when none is given. */
export async function resolveEnvironment(tx: Pick<Db, "environment">, ctx: TenantContext, environmentId: string | undefined, field = "environmentId") {
  const environment = await tx.environment.findFirst({
    where: { tenantId: ctx.tenantId, ...(environmentId ? { id: environmentId } : {}) },
    orderBy: [{ createdAt: "asc" }, { name: "asc" }],
    select: { id: true, name: true },
  });
  if (!environment) throw new DomainError("VALIDATION", environmentId ? "Unknown environment" : "This tenant has no environment", field);
  return environment;
}
