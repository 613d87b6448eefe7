import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { findTenantClient } from "@/lib/clients/find-tenant-client";
import { notFound } from "@/lib/errors";
import { assertAdministrator, type TenantContext } from "@/lib/tenants/tenant-context";
import { tenantTransaction } from "@/lib/tenants/tenant-transaction";

/** Assertions signed with the deleted key are refused within a second (lib/oauth/client-cache.ts). */
export async function deleteClientKey(ctx: TenantContext, clientId: string, keyId: string): Promise<void> {
  assertAdministrator(ctx);
  await tenantTransaction(ctx, async (tx) => {
    const client = await findTenantClient(tx, ctx, clientId);
    const key = await tx.clientKey.findFirst({ where: { id: keyId, clientId: client.id, tenantId: ctx.tenantId } });
    if (!key) throw notFound("Key");
    await tx.clientKey.delete({ where: { id: key.id } });
    await recordAuditEvent(tx, ctx, {
      action: "key.delete",
      target: { type: "client", id: client.clientId, label: client.name },
      details: { keyId: key.id, kid: key.kid, thumbprint: key.thumbprint, description: key.description },
    });
  });
}
