// How exported audit events are written: CSV for spreadsheets, JSON for programs. Pure, so
// the escaping is tested on its own (audit-export-format.test.ts).

/** One event as exported: its stored facts, nothing more (audit entries never hold a secret). */
export type AuditExportRecord = {
  id: string;
  /** ISO 8601, UTC. */
  createdAt: string;
  action: string;
  actionLabel: string;
  actor: { type: string; label: string };
  target: { type: string; id: string; label: string };
  details: unknown;
};

export const CSV_HEADER = ["Time (UTC)", "Action", "Description", "Actor type", "Actor", "Target type", "Target id", "Target", "Details", "Event id"];

export function csvCells(record: AuditExportRecord): string[] {
  return [
    record.createdAt,
    record.action,
    record.actionLabel,
    record.actor.type,
    record.actor.label,
    record.target.type,
    record.target.id,
    record.target.label,
    JSON.stringify(record.details),
    record.id,
  ];
}

// What a spreadsheet would read as the start of a formula (CWE-1236, OWASP "CSV injection"),
// also after leading blanks and in full-width forms, which some spreadsheets fold.
const FORMULA_START = /^[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]/;

/**
 * One cell: a value a spreadsheet would run as a formula gets a leading ' (shown as text),
 * and every cell is quoted with its quotes doubled (RFC 4180), so commas and line breaks
 * stay inside it.
 */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** A CSV line with RFC 4180's CRLF. */
export function csvLine(values: string[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/** Lets Excel read the file as UTF-8 (names with ü, é), which it otherwise takes for the local code page. */
export const CSV_BOM = "\ufeff";
