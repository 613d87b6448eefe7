import "server-only";
import type { Db } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenants/tenant-context";

/**
 * A client looked up by its public id *and* the tenant together: another tenant's id
 * answers "not found", exactly like an id that does not exist.
 */
export async function findTenantClient(tx: Pick<Db, "client">, ctx: TenantContext, clientId: string) {
  const client = await tx.client.findFirst({
    where: { clientId: clientId.trim().toLowerCase(), tenantId: ctx.tenantId },
    select: { id: true, clientId: true, name: true, type: true, securityType: true },
  });
  if (!client) throw notFound("Client");
  return client;
}
