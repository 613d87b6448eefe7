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

/**
 * Who acts when no person or operator does, for a tenant's audit log: the company's identity
 * provider (by its issuer) at a sign-in, which belongs to no tenant. Never a TenantContext:
 * that is built only where membership or the command line vouches for the actor.
 */
export type SystemActor = { type: "identity-provider"; label: string };

/** Where an entry sits in the log's order (an export starts below its own entry). */
export type AuditPosition = { id: string; createdAt: Date };

/** Written inside the same transaction as the change, so there is no change without its entry. */
export async function recordAuditEvent(tx: Tx, ctx: TenantContext, event: AuditEventInput): Promise<AuditPosition> {
  return tx.auditEvent.create({ data: tenantAuditEventRow(ctx, event), select: { id: true, createdAt: true } });
}

/** The same, for an event of a system actor in a tenant's log (recordSignInEvent). */
export async function recordSystemAuditEvent(
  tx: Tx,
  { tenantId, actor }: { tenantId: string; actor: SystemActor },
  event: AuditEventInput,
): Promise<AuditPosition> {
  return writeAuditEvent(tx, tenantId, { type: actor.type, id: null, label: actor.label }, event);
}

async function writeAuditEvent(
  tx: Tx,
  tenantId: string,
  actor: { type: string; id: string | null; label: string },
  event: AuditEventInput,
): Promise<AuditPosition> {
  return tx.auditEvent.create({ data: auditEventRow(tenantId, actor, event), select: { id: true, createdAt: true } });
}

/** The row an audit entry is stored as; also for bulk writes (createMany) of the same entries. */
export function tenantAuditEventRow(ctx: TenantContext, event: AuditEventInput) {
  return auditEventRow(ctx.tenantId, { type: ctx.actor.type, id: ctx.actor.type === "user" ? ctx.actor.userId : null, label: ctx.actor.label }, event);
}

function auditEventRow(tenantId: string, actor: { type: string; id: string | null; label: string }, event: AuditEventInput) {
  return {
    tenantId,
    actorType: actor.type,
    actorId: actor.id,
    actorLabel: actor.label,
    action: event.action,
    targetType: event.target.type,
    targetId: event.target.id,
    targetLabel: event.target.label,
    details: JSON.stringify(event.details ?? {}),
  };
}
