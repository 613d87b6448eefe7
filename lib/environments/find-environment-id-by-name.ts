import "server-only";
import { db } from "@/lib/db/prisma";
import { DomainError } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenants/tenant-context";

/** An environment typed by name (CLI), in any letter case. */
export async function findEnvironmentIdByName(ctx: TenantContext, name: string, field = "environment"): Promise<string> {
  const environments = await db.environment.findMany({ where: { tenantId: ctx.tenantId }, select: { id: true, name: true } });
  const found = environments.find((e) => e.name.toLowerCase() === name.trim().toLowerCase());
  if (!found) {
    throw new DomainError("VALIDATION", `Unknown environment "${name}"; this tenant has ${environments.map((e) => e.name).join(", ")}`, field);
  }
  return found.id;
}
