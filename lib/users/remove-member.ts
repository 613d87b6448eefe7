import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { assertAdministrator, type TenantContext } from "@/lib/tenants/tenant-context";
import { parseInput } from "@/lib/validation/parse-input";
import { ZRemoveMember, type TRemoveMember } from "@/lib/validation/user";
import { assertAdministratorRemains } from "./count-administrators";
import { findTenantMembership } from "./find-tenant-membership";
import { lastAdministratorMessage } from "./last-administrator-message";
import { tenantTransaction } from "@/lib/tenants/tenant-transaction";
import { endUserSessions } from "@/lib/sessions/end-user-sessions";

/**
 * Takes a person out of the tenant. Their Latchkey user stays (they may belong to other
 * tenants); without any membership they can no longer sign in (sign-in-user.ts), and their
 * sessions end.
 */
export async function removeMember(ctx: TenantContext, rawInput: TRemoveMember): Promise<{ userId: string; email: string }> {
  assertAdministrator(ctx);
  const input = parseInput(ZRemoveMember, rawInput);
  return tenantTransaction(ctx, async (tx) => {
    const membership = await findTenantMembership(tx, ctx, input.userId);
    await tx.membership.delete({ where: { id: membership.id, tenantId: ctx.tenantId } });
    await assertAdministratorRemains(tx, ctx, lastAdministratorMessage(ctx, membership.user, "removed"));
    // Without any membership the person can no longer sign in: their sessions end too.
    const left = await tx.membership.count({ where: { userId: membership.user.id } });
    if (left === 0) await endUserSessions(tx, membership.user.id);
    await recordAuditEvent(tx, ctx, {
      action: "membership.delete",
      target: { type: "user", id: membership.user.id, label: membership.user.email },
      details: { before: { roles: membership.roles.map((r) => r.role.name).sort() } },
    });
    return { userId: membership.user.id, email: membership.user.email };
  });
}
