import "server-only";
import { db } from "@/lib/db/prisma";
import { findTenantClient } from "@/lib/clients/find-tenant-client";
import type { TenantContext } from "@/lib/tenants/tenant-context";
import { toSecretSummary, type SecretSummary } from "./insert-client-secret";

export async function listClientSecrets(ctx: TenantContext, clientId: string): Promise<SecretSummary[]> {
  const client = await findTenantClient(db, ctx, clientId);
  const rows = await db.clientSecret.findMany({
    where: { clientId: client.id, tenantId: ctx.tenantId },
    orderBy: { createdAt: "asc" },
  });
  return rows.map(toSecretSummary);
}
