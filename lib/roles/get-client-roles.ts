import "server-only";
import { db } from "@/lib/db/prisma";
import { findTenantClient } from "@/lib/clients/find-tenant-client";
import type { TenantContext } from "@/lib/tenants/tenant-context";

export type ClientRoles = { clientId: string; name: string; type: string; roleIds: string[]; roleNames: string[] };

/** A client's current roles, for its Roles tab. Another tenant's client answers NOT_FOUND. */
export async function getClientRoles(ctx: TenantContext, clientId: string): Promise<ClientRoles> {
  const client = await findTenantClient(db, ctx, clientId);
  const roles = await db.clientRole.findMany({
    where: { clientId: client.id, client: { tenantId: ctx.tenantId } },
    select: { role: { select: { id: true, name: true } } },
  });
  return {
    clientId: client.clientId,
    name: client.name,
    type: client.type,
    roleIds: roles.map((r) => r.role.id),
    roleNames: roles.map((r) => r.role.name).sort(),
  };
}
