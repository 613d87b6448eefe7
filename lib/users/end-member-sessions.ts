import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { endUserSessions } from "@/lib/sessions/end-user-sessions";
import { assertAdministrator, type TenantContext } from "@/lib/tenants/tenant-context";
import { tenantTransaction } from "@/lib/tenants/tenant-transaction";
import { parseInput } from "@/lib/validation/parse-input";
import { ZEndMemberSessions, type TEndMemberSessions } from "@/lib/validation/user";
import { findTenantMembership } from "./find-tenant-membership";

/**
 * Signs a member out everywhere: every portal session of the person ends, in whichever
 * tenant they were using it (a session belongs to the person, not to a tenant, and a
 * stolen one would reach every tenant they belong to), and so do their sessions and grants
 * at the token service, refresh tokens included. Only an administrator of a tenant the
 * person belongs to may do it. It is audited in every tenant the person belongs to: each
 * tenant's administrators see why their member was signed out.
 */
export async function endMemberSessions(ctx: TenantContext, rawInput: TEndMemberSessions): Promise<{ userId: string; email: string; ended: number }> {
  assertAdministrator(ctx);
  const input = parseInput(ZEndMemberSessions, rawInput);
  return tenantTransaction(ctx, async (tx) => {
    const { user } = await findTenantMembership(tx, ctx, input.userId);
    const ended = await endUserSessions(tx, user.id);
    const tenants = await tx.membership.findMany({ where: { userId: user.id }, select: { tenant: { select: { id: true, slug: true, name: true } } } });
    for (const { tenant } of tenants) {
      const details = tenant.id === ctx.tenantId ? { after: { endedSessions: ended } } : { after: { endedSessions: ended, byTenant: ctx.tenantSlug } };
      await recordAuditEvent(
        tx,
        { ...ctx, tenantId: tenant.id, tenantSlug: tenant.slug, tenantName: tenant.name },
        {
          action: "membership.sessions-end",
          target: { type: "user", id: user.id, label: user.email },
          details,
        },
      );
    }
    return { userId: user.id, email: user.email, ended };
  });
}
