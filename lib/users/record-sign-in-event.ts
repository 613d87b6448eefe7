import "server-only";
import { recordSystemAuditEvent } from "@/lib/audit/record-audit-event";
import type { Tx } from "@/lib/tenants/tenant-transaction";

export type SignInEvent = {
  action: "sign-in.bound" | "sign-in.refused";
  user: { id: string; email: string };
  issuer: string;
  /** null when the ID token named none (a refusal). */
  subject: string | null;
  /** Non-secret facts only (the reason, the claim as the provider sent it); never a token. */
  details?: Record<string, unknown>;
};

/**
 * Audit entries are per tenant, and a sign-in belongs to none: the entry goes to every
 * tenant the person is a member of, so each tenant's administrators see it, with the
 * identity provider as the actor (no TenantContext: nobody signed in is acting).
 */
export async function recordSignInEvent(tx: Tx, event: SignInEvent): Promise<void> {
  const memberships = await tx.membership.findMany({ where: { userId: event.user.id }, select: { tenantId: true } });
  for (const { tenantId } of memberships) {
    await recordSystemAuditEvent(
      tx,
      { tenantId, actor: { type: "identity-provider", label: event.issuer } },
      {
        action: event.action,
        target: { type: "user", id: event.user.id, label: event.user.email },
        details: { issuer: event.issuer, subject: event.subject, ...event.details },
      },
    );
  }
}
