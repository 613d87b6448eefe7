import { z } from "zod";

export const AUDIT_PAGE_SIZE = { default: 25, max: 100 } as const;

const ACTION = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$/;
/** `<createdAt in ms>.<event id>`: where the previous page ended, newest first. */
const CURSOR = /^(\d{1,15})\.([0-9a-f-]{36})$/;

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

/**
 * The audit log's filters and page, as they arrive in the URL of the audit API. Unlike
 * the clients list, a bad value is refused (400), not silently dropped: the browser only
 * sends what the filter form produced, so anything else is a broken or forged request.
 */
export const ZAuditQuery = z.object({
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
});
export type TAuditQuery = z.input<typeof ZAuditQuery>;
export type TAuditQueryParsed = z.output<typeof ZAuditQuery>;

/** The filters of the audit page's URL (and query key); the cursor is TanStack Query's business. */
export type TAuditFilters = { action: string; actor: string; target: string };
