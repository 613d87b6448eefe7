import "server-only";
import { containsIgnoringCase } from "@/lib/db/contains-ignoring-case";
import { hasLikeWildcards } from "@/lib/db/like-wildcards";
import type { Db } from "@/lib/db/prisma";
import type { TenantContext } from "@/lib/tenants/tenant-context";
import { auditDateRange, type TAuditFilterValues } from "@/lib/validation/audit";

export type AuditWhere = NonNullable<Parameters<Db["auditEvent"]["findMany"]>[0]>["where"];
export type AuditRow = Awaited<ReturnType<Db["auditEvent"]["findMany"]>>[number];
type Position = { createdAt: Date; id: string };

/** Newest first, ties by id: the order of the audit page, its cursor and the export. */
export const AUDIT_ORDER = [{ createdAt: "desc" }, { id: "desc" }] as const;

/** Whether a text filter holds % or _, which LIKE cannot match literally: those rows are matched here (matchesLiterally). */
export function needsLiteralMatch(filters: TAuditFilterValues): boolean {
  return [filters.actor, filters.target].some((text) => text && hasLikeWildcards(text));
}

/**
 * The tenant's events the filters match, older than `after` (the last row already read),
 * on the [tenantId, createdAt] and [tenantId, action, createdAt] indexes.
 */
export function auditWhere(ctx: TenantContext, filters: TAuditFilterValues, after?: Position): AuditWhere {
  const text = (term: string | undefined) => (term && !hasLikeWildcards(term) ? term : undefined);
  const actor = text(filters.actor);
  const target = text(filters.target);
  const range = auditDateRange(filters);
  return {
    tenantId: ctx.tenantId,
    ...(filters.action ? { action: filters.action } : {}),
    ...(actor ? { actorLabel: containsIgnoringCase(actor) } : {}),
    ...(range.gte || range.lt ? { createdAt: range } : {}),
    AND: [
      target ? { OR: [{ targetLabel: containsIgnoringCase(target) }, { targetId: containsIgnoringCase(target) }] } : {},
      after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {},
    ],
  };
}

export function matchesLiterally(row: AuditRow, filters: TAuditFilterValues): boolean {
  const has = (value: string, term: string | undefined) => !term || value.toLowerCase().includes(term.toLowerCase());
  return has(row.actorLabel, filters.actor) && (has(row.targetLabel, filters.target) || has(row.targetId, filters.target));
}
