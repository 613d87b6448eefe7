import "server-only";
import { DomainError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { assertAdministrator, type TenantContext } from "@/lib/tenants/tenant-context";
import { parseInput } from "@/lib/validation/parse-input";
import { ZDeleteRole, type TDeleteRole } from "@/lib/validation/role";
import { assignmentSummary } from "./assignment-summary";
import { findCustomRole } from "./find-tenant-role";
import { tenantTransaction } from "@/lib/tenants/tenant-transaction";

export type DeletedRole = { id: string; name: string; userCount: number; clientCount: number };

/**
 * Deletes a custom role. Its assignments go with it in the same transaction (the database
 * cascades them), but only when the caller confirmed that: a role assigned since the admin
 * last looked is refused, with the current counts, rather than removed unseen.
 */
export async function deleteRole(ctx: TenantContext, rawInput: TDeleteRole): Promise<DeletedRole> {
  assertAdministrator(ctx);
  const input = parseInput(ZDeleteRole, rawInput);
  return tenantTransaction(ctx, async (tx) => {
    const role = await findCustomRole(tx, ctx, input.roleId);
    const userCount = await tx.membershipRole.count({ where: { roleId: role.id, membership: { tenantId: ctx.tenantId } } });
    const clientCount = await tx.clientRole.count({ where: { roleId: role.id, client: { tenantId: ctx.tenantId } } });
    if ((userCount || clientCount) && !input.removeAssignments) {
      throw new DomainError(
        "CONFLICT",
        `"${role.name}" is held by ${assignmentSummary(userCount, clientCount)}; deleting it takes it away from them, so it needs confirming.`,
      );
    }
    await tx.role.delete({ where: { id: role.id, tenantId: ctx.tenantId } });
    await recordAuditEvent(tx, ctx, {
      action: "role.delete",
      target: { type: "role", id: role.id, label: role.name },
      details: { before: { name: role.name, description: role.description }, removedFrom: { users: userCount, clients: clientCount } },
    });
    return { id: role.id, name: role.name, userCount, clientCount };
  });
}
