import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/prisma";
import { assertAdministrator, type TenantContext } from "@/lib/tenants/tenant-context";
import { parseInput } from "@/lib/validation/parse-input";
import { ZEndMemberSessions, type TEndMemberSessions } from "@/lib/validation/user";
import { findTenantMembership } from "./find-tenant-membership";

/**
 * Signs a member out everywhere: every portal session of the person ends, in whichever
 * tenant they were using it (a session belongs to the person, not to a tenant, and a
 * stolen one would reach every tenant they belong to), and with it their token service
 * sessions (lib/oauth checks the portal session on every sign-in of an application).
 * Only an administrator of a tenant the person belongs to may do it.
 */
export async function endMemberSessions(ctx: TenantContext, rawInput: TEndMemberSessions): Promise<{ userId: string; email: string; ended: number }> {
  assertAdministrator(ctx);
  const input = parseInput(ZEndMemberSessions, rawInput);
  const now = new Date();
  return db.$transaction(async (tx) => {
    const membership = await findTenantMembership(tx, ctx, input.userId);
    const { count } = await tx.portalSession.updateMany({
      where: { userId: membership.user.id, revokedAt: null, expiresAt: { gt: now } },
      data: { revokedAt: now },
    });
    await recordAuditEvent(tx, ctx, {
      action: "membership.sessions-end",
      target: { type: "user", id: membership.user.id, label: membership.user.email },
      details: { after: { endedSessions: count } },
    });
    return { userId: membership.user.id, email: membership.user.email, ended: count };
  });
}
