import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Tx } from "@/lib/tenants/tenant-transaction";

export type SignInEvent = {
  action: "sign-in.bound" | "sign-in.refused";
  user: { id: string; email: string };
  issuer: string;
  subject: string;
  /** Non-secret facts only (the reason, the claim as the provider sent it); never a token. */
  details?: Record<string, unknown>;
};

/**
 * Audit entries are per tenant, and a sign-in belongs to none: the entry goes to every
 * tenant the person is a member of, so each tenant's administrators see it.
 */
export async function recordSignInEvent(tx: Tx, event: SignInEvent): Promise<void> {
  const memberships = await tx.membership.findMany({ where: { userId: event.user.id }, select: { tenant: { select: { id: true, slug: true, name: true } } } });
  for (const { tenant } of memberships) {
    await recordAuditEvent(
      tx,
      {
        tenantId: tenant.id,
        tenantSlug: tenant.slug,
        tenantName: tenant.name,
        actor: { type: "identity-provider", label: event.issuer },
        isAdministrator: false,
      },
      {
        action: event.action,
        target: { type: "user", id: event.user.id, label: event.user.email },
        details: { issuer: event.issuer, subject: event.subject, ...event.details },
      },
    );
  }
}
