import "server-only";
import { db } from "@/lib/db/prisma";
import { assertAdministrator, type TenantContext } from "@/lib/tenants/tenant-context";
import { auditCursor, ZAuditQuery, type TAuditQuery } from "@/lib/validation/audit";
import { parseInput } from "@/lib/validation/parse-input";
import { auditActionLabel } from "./audit-action-label";
import { auditTargetsExist } from "./audit-targets";
import { AUDIT_ORDER, auditWhere, matchesLiterally, needsLiteralMatch, type AuditRow } from "./audit-where";
import { describeAuditDetails, type AuditDetails } from "./describe-audit-details";

/** What leaves the server about an audit event (JSON of the audit API). */
export type AuditEntry = {
  id: string;
  /** ISO 8601, UTC. */
  createdAt: string;
  actor: { type: string; label: string };
  action: string;
  actionLabel: string;
  /** `exists`: whether the client, user (as a member) or role is still there; null for other kinds. */
  target: { type: string; id: string; label: string; exists: boolean | null };
  details: AuditDetails;
};

export type AuditPage = { events: AuditEntry[]; nextCursor: string | null };

const SCAN_BATCH = 200;

/**
 * One page of the tenant's audit log, newest first, for Account Administrators. Keyset
 * pagination on (createdAt, id) keeps pages stable while new events arrive and stays on
 * the [tenantId, createdAt] / [tenantId, action, createdAt] indexes however long the log.
 */
export async function listAuditEvents(ctx: TenantContext, rawQuery: TAuditQuery = {}): Promise<AuditPage> {
  assertAdministrator(ctx);
  const query = parseInput(ZAuditQuery, rawQuery);
  const literal = needsLiteralMatch(query);
  const batch = literal ? SCAN_BATCH : query.limit + 1;

  // One batch is enough unless a term is matched here: then read on until the page is full.
  const found: AuditRow[] = [];
  let after = query.cursor;
  while (found.length <= query.limit) {
    const rows = await db.auditEvent.findMany({ where: auditWhere(ctx, query, after), orderBy: [...AUDIT_ORDER], take: batch });
    found.push(...(literal ? rows.filter((row) => matchesLiterally(row, query)) : rows));
    if (rows.length < batch) break;
    after = rows.at(-1);
  }
  const page = found.slice(0, query.limit);
  const exists = await auditTargetsExist(
    ctx,
    page.map((row) => ({ type: row.targetType, id: row.targetId })),
  );
  return {
    events: page.map((row) => ({
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      actor: { type: row.actorType, label: row.actorLabel },
      action: row.action,
      actionLabel: auditActionLabel(row.action),
      target: { type: row.targetType, id: row.targetId, label: row.targetLabel, exists: exists({ type: row.targetType, id: row.targetId }) },
      details: describeAuditDetails(row.details),
    })),
    nextCursor: found.length > query.limit ? auditCursor(page.at(-1)!) : null,
  };
}
