import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { assertAdministrator, type TenantContext } from "@/lib/tenants/tenant-context";
import { findTenantClient } from "./find-tenant-client";
import { tenantTransaction } from "@/lib/tenants/tenant-transaction";

export type DeletedClient = { clientId: string; name: string; secretsDeleted: number };

/**
 * Removes a client with its secrets, roles and URLs. Its secrets stop working at once: the
 * token endpoint reads them from the database, and they are gone with the client.
 */
export async function deleteClient(ctx: TenantContext, clientId: string): Promise<DeletedClient> {
  assertAdministrator(ctx);
  return tenantTransaction(ctx, async (tx) => {
    const client = await findTenantClient(tx, ctx, clientId);
    const where = { clientId: client.id, tenantId: ctx.tenantId };
    // Explicit rather than left to ON DELETE CASCADE alone, so the count in the audit entry
    // is exactly what was removed.
    const secrets = await tx.clientSecret.deleteMany({ where });
    await tx.client.delete({ where: { id: client.id, tenantId: ctx.tenantId } });
    await recordAuditEvent(tx, ctx, {
      action: "client.delete",
      target: { type: "client", id: client.clientId, label: client.name },
      details: { before: { name: client.name, type: client.type, clientId: client.clientId, secrets: secrets.count } },
    });
    return { clientId: client.clientId, name: client.name, secretsDeleted: secrets.count };
  });
}
