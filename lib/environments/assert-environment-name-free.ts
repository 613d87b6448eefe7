import "server-only";
import type { Db } from "@/lib/db/prisma";
import { DomainError } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenants/tenant-context";

/**
 * Environment names are unique per tenant regardless of letter case: the CLI finds them in
 * any case, and "Production" and "production" in a token claim would be a trap. Call
 * inside tenantTransaction.
 */
export async function assertEnvironmentNameFree(tx: Pick<Db, "environment">, ctx: TenantContext, name: string, exceptId?: string): Promise<void> {
  const environments = await tx.environment.findMany({ where: { tenantId: ctx.tenantId }, select: { id: true, name: true } });
  const taken = environments.find((e) => e.id !== exceptId && e.name.toLowerCase() === name.toLowerCase());
  if (taken) {
    throw new DomainError("CONFLICT", `An environment named "${taken.name}" already exists. Names must be unique (ignoring case).`, "name");
  }
}
