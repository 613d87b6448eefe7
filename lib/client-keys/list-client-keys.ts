import "server-only";
import { findTenantClient } from "@/lib/clients/find-tenant-client";
import { db } from "@/lib/db/prisma";
import type { TenantContext } from "@/lib/tenants/tenant-context";
import { toClientKeySummary, type ClientKeySummary } from "./insert-client-key";

/** Readable by every member of the tenant (the portal shows it read-only to non-admins). */
export async function listClientKeys(ctx: TenantContext, clientId: string): Promise<ClientKeySummary[]> {
  const client = await findTenantClient(db, ctx, clientId);
  const rows = await db.clientKey.findMany({ where: { clientId: client.id, tenantId: ctx.tenantId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(toClientKeySummary);
}
