import "server-only";
import { db } from "@/lib/db/prisma";
import { findTenantClient } from "@/lib/clients/find-tenant-client";
import type { TenantContext } from "@/lib/tenants/tenant-context";
import { toSecretSummary, type SecretSummary } from "./insert-client-secret";

/** Readable by every member of the tenant (the portal shows it read-only to non-admins). */
export async function listClientSecrets(ctx: TenantContext, clientId: string): Promise<SecretSummary[]> {
  const client = await findTenantClient(db, ctx, clientId);
  const rows = await db.clientSecret.findMany({
    where: { clientId: client.id, tenantId: ctx.tenantId },
    // The id breaks ties between secrets created in the same millisecond (scripts, CLI).
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(toSecretSummary);
}
