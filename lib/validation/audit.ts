import { z } from "zod";
import { isoDate } from "./secret";

export const AUDIT_PAGE_SIZE = { default: 25, max: 100 } as const;
export const AUDIT_EXPORT_FORMATS = ["csv", "json"] as const;
export type TAuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

const ACTION = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$/;
/** `<createdAt in ms>.<event id>`: where the previous page ended, newest first. */
const CURSOR = /^(\d{1,15})\.([0-9a-f-]{36})$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export function auditCursor(event: { createdAt: Date; id: string }): string {
  return `${event.createdAt.getTime()}.${event.id}`;
}

/** Free text filters: empty means "any". */
const ZText = z
  .string()
  .trim()
  .max(200, "At most 200 characters")
  .optional()
  .transform((text) => text || undefined);

/** A day of the date range, YYYY-MM-DD in UTC (the audit log shows its times in UTC); empty means open. */
function zDay(which: "From" | "To") {
  return z
    .string()
    .trim()
    .optional()
    .transform((day) => day || undefined)
    .superRefine((day, ctx) => {
      if (day === undefined) return;
      if (!DAY.test(day)) ctx.addIssue({ code: "custom", message: `${which} must be a date written YYYY-MM-DD, e.g. 2026-03-01` });
      else if (!isRealDay(day)) ctx.addIssue({ code: "custom", message: `${which}: ${day} is not a real date` });
      else if (day < FIRST_DAY) ctx.addIssue({ code: "custom", message: `${which} must be ${FIRST_DAY} or later` });
    });
}

// Nothing in the log is older, and every database takes it.
const FIRST_DAY = "1970-01-01";
const isRealDay = (day: string) => DAY.test(day) && !Number.isNaN(Date.parse(day)) && isoDate(new Date(Date.parse(day))) === day;

/** The filters of the audit log, its API and its export; the date range includes both days. */
const FILTERS = {
  action: z
    .string()
    .trim()
    .max(64, "Unknown action")
    .optional()
    .transform((action) => action || undefined)
    .refine((action) => action === undefined || ACTION.test(action), "Unknown action"),
  /** Part of the actor's label (an email address, or the CLI's label). */
  actor: ZText,
  /** Part of the target's label (e.g. a client's name) or its id (e.g. a Client Id). */
  target: ZText,
  from: zDay("From"),
  to: zDay("To"),
};

function datesInOrder(value: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  // Only two real days are compared: a bad one has its own message already.
  if (value.from && value.to && isRealDay(value.from) && isRealDay(value.to) && value.from > value.to)
    ctx.addIssue({ code: "custom", path: ["to"], message: "To must be the same day as From or later" });
}

/** The filter form's fields, checked in the browser before they go into the URL. */
export const ZAuditFilters = z.object(FILTERS).superRefine(datesInOrder);

/**
 * The audit log's filters and page, as they arrive in the URL of the audit API. Unlike
 * the clients list, a bad value is refused (400), not silently dropped: the browser only
 * sends what the filter form produced, so anything else is a broken or forged request.
 */
export const ZAuditQuery = z
  .object({
    ...FILTERS,
    cursor: z
      .string()
      .regex(CURSOR, "Invalid cursor")
      .optional()
      .transform((cursor) => {
        const [, ms, id] = cursor ? CURSOR.exec(cursor)! : [];
        return ms && id ? { createdAt: new Date(Number(ms)), id } : undefined;
      }),
    limit: z.coerce
      .number({ error: "Invalid page size" })
      .int("Invalid page size")
      .min(1, "Invalid page size")
      .max(AUDIT_PAGE_SIZE.max, `At most ${AUDIT_PAGE_SIZE.max} entries per page`)
      .default(AUDIT_PAGE_SIZE.default),
  })
  .superRefine(datesInOrder);
export type TAuditQuery = z.input<typeof ZAuditQuery>;
export type TAuditQueryParsed = z.output<typeof ZAuditQuery>;

/** An export of every event the filters match (no page: the export streams them all). */
export const ZAuditExportQuery = z
  .object({ ...FILTERS, format: z.enum(AUDIT_EXPORT_FORMATS, { error: "Export format must be csv or json" }) })
  .superRefine(datesInOrder);
export type TAuditExportQuery = z.input<typeof ZAuditExportQuery>;

/** The parsed filters, as the queries use them. */
export type TAuditFilterValues = Pick<TAuditQueryParsed, "action" | "actor" | "target" | "from" | "to">;

/** Where a date range starts and ends as instants: from the start of `from` to the end of `to`, UTC. */
export function auditDateRange(filters: Pick<TAuditFilterValues, "from" | "to">): { gte?: Date; lt?: Date } {
  return {
    ...(filters.from ? { gte: new Date(`${filters.from}T00:00:00.000Z`) } : {}),
    ...(filters.to ? { lt: new Date(Date.parse(`${filters.to}T00:00:00.000Z`) + DAY_MS) } : {}),
  };
}

/** The filters of the audit page's URL (and query key); the cursor is TanStack Query's business. */
export const AUDIT_FILTER_KEYS = ["action", "actor", "target", "from", "to"] as const;
export type TAuditFilters = Record<(typeof AUDIT_FILTER_KEYS)[number], string>;
