import "server-only";
import type { Db } from "@/lib/db/prisma";
import type { TenantContext } from "@/lib/tenants/tenant-context";

type Tx = Pick<Db, "auditEvent">;

export type AuditEventInput = {
  action: string;
  target: { type: string; id: string; label: string };
  /** Non-secret facts only (names, ids, dates, before/after values); never a secret or hash. */
  details?: Record<string, unknown>;
};

/** Written inside the same transaction as the change, so there is no change without its entry. */
export async function recordAuditEvent(tx: Tx, ctx: TenantContext, event: AuditEventInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      tenantId: ctx.tenantId,
      actorType: ctx.actor.type,
      actorId: ctx.actor.type === "user" ? ctx.actor.userId : null,
      actorLabel: ctx.actor.label,
      action: event.action,
      targetType: event.target.type,
      targetId: event.target.id,
      targetLabel: event.target.label,
      details: JSON.stringify(event.details ?? {}),
    },
  });
}
