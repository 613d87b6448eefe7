import "server-only";
import { db } from "@/lib/db/prisma";
import { SECRET_PREFIX } from "@/lib/secrets/generate-secret";
import { assertAdministrator, type TenantContext } from "@/lib/tenants/tenant-context";
import { ZAuditExportQuery, type TAuditExportFormat, type TAuditExportQuery, type TAuditFilterValues } from "@/lib/validation/audit";
import { parseInput } from "@/lib/validation/parse-input";
import { isoDate } from "@/lib/validation/secret";
import { auditActionLabel } from "./audit-action-label";
import { CSV_BOM, CSV_HEADER, csvCells, csvLine, type AuditExportRecord } from "./audit-export-format";
import { AUDIT_ORDER, auditWhere, matchesLiterally, needsLiteralMatch, type AuditRow } from "./audit-where";
import { recordAuditEvent } from "./record-audit-event";
import { redactAuditDetails } from "./redact-audit-details";
import { logger } from "@/lib/logging/logger";

/** Rows read per database round trip: what the export holds in memory at a time, whatever the log's size. */
export const AUDIT_EXPORT_BATCH = 500;

export type AuditExport = { filename: string; contentType: string; body: ReadableStream<Uint8Array> };

const CONTENT_TYPES: Record<TAuditExportFormat, string> = { csv: "text/csv; charset=utf-8", json: "application/json; charset=utf-8" };

/**
 * Every event of the tenant's audit log the filters match, newest first, as a stream that
 * reads the database one batch at a time as the client takes it. For Account
 * Administrators; the export is itself recorded (format and filters), and covers the log
 * up to that entry.
 */
export async function exportAuditEvents(
  ctx: TenantContext,
  rawQuery: TAuditExportQuery | Record<string, string>,
  batchSize = AUDIT_EXPORT_BATCH,
): Promise<AuditExport> {
  assertAdministrator(ctx);
  const { format, ...filters } = parseInput(ZAuditExportQuery, rawQuery);
  const entry = await recordAuditEvent(db, ctx, {
    action: "audit.export",
    target: { type: "tenant", id: ctx.tenantSlug, label: ctx.tenantName },
    details: { format, filter: recordedFilter(filters) },
  });
  return {
    filename: `latchkey-audit-${ctx.tenantSlug}-${isoDate(entry.createdAt)}.${format}`,
    contentType: CONTENT_TYPES[format],
    body: exportStream(ctx, filters, format, entry, batchSize),
  };
}

function exportStream(ctx: TenantContext, filters: TAuditFilterValues, format: TAuditExportFormat, start: { createdAt: Date; id: string }, batchSize: number) {
  const encoder = new TextEncoder();
  const literal = needsLiteralMatch(filters);
  let after = start;
  let written = 0;
  // pull() runs only when the reader wants more: at most one batch is in memory.
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(format === "csv" ? CSV_BOM + csvLine(CSV_HEADER) : "["));
      },
      async pull(controller) {
        try {
          // Read on until there is something to hand over: a pull that enqueues nothing is not called again.
          for (;;) {
            const rows = await db.auditEvent.findMany({ where: auditWhere(ctx, filters, after), orderBy: [...AUDIT_ORDER], take: batchSize });
            let text = "";
            for (const row of literal ? rows.filter((r) => matchesLiterally(r, filters)) : rows) {
              const record = exportRecord(row);
              text += format === "csv" ? csvLine(csvCells(record)) : `${written ? "," : ""}\n${JSON.stringify(record)}`;
              written++;
            }
            const last = rows.length < batchSize;
            if (last && format === "json") text += written ? "\n]\n" : "]\n";
            if (text) controller.enqueue(encoder.encode(text));
            if (last) return controller.close();
            after = rows.at(-1)!;
            if (text) return;
          }
        } catch (error) {
          logger.error({ tenant: ctx.tenantSlug, format, err: error }, "audit export failed");
          controller.error(new Error("The audit export failed"));
        }
      },
    },
    { highWaterMark: 1 },
  );
}

function exportRecord(row: AuditRow): AuditExportRecord {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    action: row.action,
    actionLabel: auditActionLabel(row.action),
    actor: { type: row.actorType, label: row.actorLabel },
    target: { type: row.targetType, id: row.targetId, label: row.targetLabel },
    details: redactAuditDetails(parseDetails(row.details)),
  };
}

function parseDetails(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return {};
  }
}

// A secret pasted into a search box by mistake must not become part of the audit trail:
// with its prefix, or without (a long base64url run; a Client Id, a GUID, is not one).
const LOOKS_LIKE_SECRET = new RegExp(`${SECRET_PREFIX}[A-Za-z0-9_-]{20,}|[A-Za-z0-9_-]{32,}`);
const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const looksLikeSecret = (value: string) => LOOKS_LIKE_SECRET.test(value.replace(GUID, " "));

/** The filters that were set, as the export's audit entry records them. */
export function recordedFilter(filters: TAuditFilterValues): Record<string, string> | "none" {
  const set = Object.entries(filters).filter((entry): entry is [string, string] => typeof entry[1] === "string");
  if (!set.length) return "none";
  return Object.fromEntries(set.map(([key, value]) => [key, looksLikeSecret(value) ? "(looks like a secret: not recorded)" : value]));
}
