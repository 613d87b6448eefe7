import "server-only";
import { db } from "@/lib/db/prisma";
import type { TenantContext } from "@/lib/tenants/tenant-context";

/** The name of one of the tenant's clients, or null; used for confirmation banners. */
export async function getClientName(ctx: TenantContext, clientId: string): Promise<string | null> {
  const client = await db.client.findFirst({ where: { clientId: clientId.toLowerCase(), tenantId: ctx.tenantId }, select: { name: true } });
  return client?.name ?? null;
}
