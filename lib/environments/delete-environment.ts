import "server-only";
import { isForeignKeyViolation } from "@/lib/db/prisma-errors";
import { DomainError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { assertAdministrator, type TenantContext } from "@/lib/tenants/tenant-context";
import { ZDeleteEnvironment, type TDeleteEnvironment } from "@/lib/validation/environment";
import { parseInput } from "@/lib/validation/parse-input";
import { findTenantEnvironment } from "./find-tenant-environment";
import { tenantTransaction } from "@/lib/tenants/tenant-transaction";

export type DeletedEnvironment = { id: string; name: string };

/**
 * Deletes an environment no client belongs to. Clients are never moved or deleted along
 * with it (the database refuses that too: onDelete Restrict), and a tenant keeps at least
 * one environment, since every new client needs one.
 */
export async function deleteEnvironment(ctx: TenantContext, rawInput: TDeleteEnvironment): Promise<DeletedEnvironment> {
  assertAdministrator(ctx);
  const input = parseInput(ZDeleteEnvironment, rawInput);
  try {
    return await tenantTransaction(ctx, async (tx) => {
      const environment = await findTenantEnvironment(tx, ctx, input.environmentId);
      const clientCount = await tx.client.count({ where: { tenantId: ctx.tenantId, environmentId: environment.id } });
      if (clientCount > 0) throw inUse(environment.name, clientCount);
      if ((await tx.environment.count({ where: { tenantId: ctx.tenantId } })) <= 1) {
        throw new DomainError("CONFLICT", `"${environment.name}" is the tenant's only environment and cannot be deleted: every client needs one.`);
      }
      await tx.environment.delete({ where: { id: environment.id, tenantId: ctx.tenantId } });
      await recordAuditEvent(tx, ctx, {
        action: "environment.delete",
        target: { type: "environment", id: environment.id, label: environment.name },
        details: { before: { name: environment.name } },
      });
      return environment;
    });
  } catch (error) {
    // A client was put in it after the count (adding a client does not take the lock).
    if (isForeignKeyViolation(error)) throw new DomainError("CONFLICT", "A client was just added to this environment, so it cannot be deleted.");
    throw error;
  }
}

function inUse(name: string, clientCount: number): DomainError {
  const clients = clientCount === 1 ? "1 client" : `${clientCount} clients`;
  return new DomainError(
    "CONFLICT",
    `"${name}" is used by ${clients}. Move ${clientCount === 1 ? "it" : "them"} to another environment or delete ${clientCount === 1 ? "it" : "them"} first.`,
  );
}
