import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { assertAdministrator, type TenantContext } from "@/lib/tenants/tenant-context";
import { parseInput } from "@/lib/validation/parse-input";
import { ZUpdateRole, type TUpdateRole } from "@/lib/validation/role";
import { assertRoleNameFree } from "./assert-role-name-free";
import type { RoleSummary } from "./create-role";
import { findCustomRole } from "./find-tenant-role";
import { tenantTransaction } from "@/lib/tenants/tenant-transaction";

/**
 * Renames and/or re-describes a custom role. Tokens carry role names, so clients get the
 * new name in their next token.
 */
export async function updateRole(ctx: TenantContext, rawInput: TUpdateRole): Promise<RoleSummary> {
  assertAdministrator(ctx);
  const input = parseInput(ZUpdateRole, rawInput);
  return tenantTransaction(ctx, async (tx) => {
    const before = await findCustomRole(tx, ctx, input.roleId);
    const description = input.description ?? before.description;
    if (before.name === input.name && before.description === description) return { id: before.id, name: before.name, description };
    await assertRoleNameFree(tx, ctx, input.name, before.id);
    const role = await tx.role.update({
      where: { id: before.id, tenantId: ctx.tenantId },
      data: { name: input.name, description },
    });
    await recordAuditEvent(tx, ctx, {
      action: "role.update",
      target: { type: "role", id: role.id, label: role.name },
      details: {
        before: { name: before.name, description: before.description },
        after: { name: role.name, description: role.description },
      },
    });
    return { id: role.id, name: role.name, description: role.description };
  });
}
