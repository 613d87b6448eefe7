import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { assertAdministrator, type TenantContext } from "@/lib/tenants/tenant-context";
import { parseInput } from "@/lib/validation/parse-input";
import { ZCreateRole, type TCreateRole } from "@/lib/validation/role";
import { assertRoleNameFree } from "./assert-role-name-free";
import { tenantTransaction } from "@/lib/tenants/tenant-transaction";

export type RoleSummary = { id: string; name: string; description: string };

export async function createRole(ctx: TenantContext, rawInput: TCreateRole): Promise<RoleSummary> {
  assertAdministrator(ctx);
  const input = parseInput(ZCreateRole, rawInput);
  return tenantTransaction(ctx, async (tx) => {
    await assertRoleNameFree(tx, ctx, input.name);
    const role = await tx.role.create({ data: { tenantId: ctx.tenantId, name: input.name, description: input.description } });
    await recordAuditEvent(tx, ctx, {
      action: "role.create",
      target: { type: "role", id: role.id, label: role.name },
      details: { after: { name: role.name, description: role.description } },
    });
    return { id: role.id, name: role.name, description: role.description };
  });
}
