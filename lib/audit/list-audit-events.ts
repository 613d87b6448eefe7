import "server-only";
import { hasLikeWildcards } from "@/lib/db/like-wildcards";
import { db, type Db } from "@/lib/db/prisma";
import { assertAdministrator, type TenantContext } from "@/lib/tenants/tenant-context";
import { auditCursor, ZAuditQuery, type TAuditQuery, type TAuditQueryParsed } from "@/lib/validation/audit";
import { parseInput } from "@/lib/validation/parse-input";
import { auditActionLabel } from "./audit-action-label";
import { containsIgnoringCase } from "@/lib/db/contains-ignoring-case";
import { describeAuditDetails, type AuditDetails } from "./describe-audit-details";

/** What leaves the server about an audit event (JSON of the audit API). */
export type AuditEntry = {
  id: string;
  /** ISO 8601, UTC. */
  createdAt: string;
  actor: { type: string; label: string };
  action: string;
  actionLabel: string;
  target: { type: string; id: string; label: string };
  details: AuditDetails;
};

export type AuditPage = { events: AuditEntry[]; nextCursor: string | null };

type Where = NonNullable<Parameters<Db["auditEvent"]["findMany"]>[0]>["where"];
type Row = Awaited<ReturnType<Db["auditEvent"]["findMany"]>>[number];

const SCAN_BATCH = 200;

/**
 * One page of the tenant's audit log, newest first, for Account Administrators. Keyset
 * pagination on (createdAt, id) keeps pages stable while new events arrive and stays on
 * the [tenantId, createdAt] / [tenantId, action, createdAt] indexes however long the log.
 */
export async function listAuditEvents(ctx: TenantContext, rawQuery: TAuditQuery = {}): Promise<AuditPage> {
  assertAdministrator(ctx);
  const query = parseInput(ZAuditQuery, rawQuery);
  const literal = [query.actor, query.target].some((text) => text && hasLikeWildcards(text));
  const batch = literal ? SCAN_BATCH : query.limit + 1;

  // One batch is enough unless a term is matched here: then read on until the page is full.
  const found: Row[] = [];
  let after = query.cursor;
  while (found.length <= query.limit) {
    const rows = await db.auditEvent.findMany({ where: whereOf(ctx, query, after), orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: batch });
    found.push(...(literal ? rows.filter((row) => matchesLiterally(row, query)) : rows));
    if (rows.length < batch) break;
    after = rows.at(-1);
  }
  const page = found.slice(0, query.limit);
  return {
    events: page.map((row) => ({
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      actor: { type: row.actorType, label: row.actorLabel },
      action: row.action,
      actionLabel: auditActionLabel(row.action),
      target: { type: row.targetType, id: row.targetId, label: row.targetLabel },
      details: describeAuditDetails(row.details),
    })),
    nextCursor: found.length > query.limit ? auditCursor(page.at(-1)!) : null,
  };
}

function whereOf(ctx: TenantContext, query: TAuditQueryParsed, after: { createdAt: Date; id: string } | undefined): Where {
  const text = (term: string | undefined) => (term && !hasLikeWildcards(term) ? term : undefined);
  const actor = text(query.actor);
  const target = text(query.target);
  return {
    tenantId: ctx.tenantId,
    ...(query.action ? { action: query.action } : {}),
    ...(actor ? { actorLabel: containsIgnoringCase(actor) } : {}),
    AND: [
      target ? { OR: [{ targetLabel: containsIgnoringCase(target) }, { targetId: containsIgnoringCase(target) }] } : {},
      after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {},
    ],
  };
}

function matchesLiterally(row: Row, query: TAuditQueryParsed): boolean {
  const has = (value: string, term: string | undefined) => !term || value.toLowerCase().includes(term.toLowerCase());
  return has(row.actorLabel, query.actor) && (has(row.targetLabel, query.target) || has(row.targetId, query.target));
}
