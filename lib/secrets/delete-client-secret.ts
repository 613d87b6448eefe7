import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { findTenantClient } from "@/lib/clients/find-tenant-client";
import { notFound } from "@/lib/errors";
import { assertAdministrator, type TenantContext } from "@/lib/tenants/tenant-context";
import { tenantTransaction } from "@/lib/tenants/tenant-transaction";

/** Deleting takes effect at the token endpoint within a second (lib/oauth/client-cache.ts). */
export async function deleteClientSecret(ctx: TenantContext, clientId: string, secretId: string): Promise<void> {
  assertAdministrator(ctx);
  await tenantTransaction(ctx, async (tx) => {
    const client = await findTenantClient(tx, ctx, clientId);
    const secret = await tx.clientSecret.findFirst({
      where: { id: secretId, clientId: client.id, tenantId: ctx.tenantId },
    });
    if (!secret) throw notFound("Secret");
    await tx.clientSecret.delete({ where: { id: secret.id } });
    await recordAuditEvent(tx, ctx, {
      action: "secret.delete",
      target: { type: "client", id: client.clientId, label: client.name },
      details: { secretId: secret.id, hint: secret.hint, description: secret.description },
    });
  });
}
