import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { listsDiffer } from "@/lib/roles/lists-differ";
import { resolveTenantRoleIds } from "@/lib/roles/resolve-tenant-role-ids";
import { assertAdministrator, type TenantContext } from "@/lib/tenants/tenant-context";
import { parseInput } from "@/lib/validation/parse-input";
import { ZSetMemberRoles, type TSetMemberRoles } from "@/lib/validation/user";
import { assertAdministratorRemains } from "./count-administrators";
import { findTenantMembership } from "./find-tenant-membership";
import { lastAdministratorMessage } from "./last-administrator-message";
import { tenantTransaction } from "@/lib/tenants/tenant-transaction";

/**
 * Replaces a member's roles with the given ones plus Account Member. They take effect at
 * the member's next request (the portal reads roles on every request).
 */
export async function setMemberRoles(ctx: TenantContext, rawInput: TSetMemberRoles): Promise<{ userId: string; roles: string[] }> {
  assertAdministrator(ctx);
  const input = parseInput(ZSetMemberRoles, rawInput);
  return tenantTransaction(ctx, async (tx) => {
    const membership = await findTenantMembership(tx, ctx, input.userId);
    const roles = await resolveTenantRoleIds(tx, ctx, input.roleIds);
    const beforeNames = membership.roles.map((r) => r.role.name).sort();
    const afterNames = roles.map((r) => r.name);
    if (!listsDiffer(beforeNames, afterNames)) return { userId: membership.user.id, roles: afterNames };

    await tx.membershipRole.deleteMany({ where: { membershipId: membership.id } });
    await tx.membershipRole.createMany({ data: roles.map((role) => ({ membershipId: membership.id, roleId: role.id })) });
    await assertAdministratorRemains(tx, ctx, lastAdministratorMessage(ctx, membership.user, "demoted"), "roleIds");
    await recordAuditEvent(tx, ctx, {
      action: "membership.roles",
      target: { type: "user", id: membership.user.id, label: membership.user.email },
      details: { before: { roles: beforeNames }, after: { roles: afterNames } },
    });
    return { userId: membership.user.id, roles: afterNames };
  });
}
