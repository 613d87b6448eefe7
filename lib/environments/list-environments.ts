import "server-only";
import { db } from "@/lib/db/prisma";
import type { TenantContext } from "@/lib/tenants/tenant-context";

export type EnvironmentSummary = {
  id: string;
  name: string;
  clientCount: number;
  /** New clients go here when none is chosen (the oldest environment, see resolveEnvironment). */
  isDefault: boolean;
  createdAt: Date;
};

/** The tenant's environments, oldest first (the order the add-client form offers them in). */
export async function listEnvironments(ctx: TenantContext): Promise<EnvironmentSummary[]> {
  const environments = await db.environment.findMany({
    where: { tenantId: ctx.tenantId },
    orderBy: [{ createdAt: "asc" }, { name: "asc" }],
    select: { id: true, name: true, createdAt: true, _count: { select: { clients: true } } },
  });
  return environments.map((environment, index) => ({
    id: environment.id,
    name: environment.name,
    clientCount: environment._count.clients,
    isDefault: index === 0,
    createdAt: environment.createdAt,
  }));
}
