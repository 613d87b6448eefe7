import { describe, expect, it } from "vitest";
import { csvCell, csvCells, csvLine, type AuditExportRecord } from "./audit-export-format";

/** RFC 4180 read back: every cell quoted, "" inside a cell is a quote. */
function parseCsvLine(line: string): string[] {
  expect(line.endsWith("\r\n")).toBe(true);
  const cells: string[] = [];
  const cell = /"((?:[^"]|"")*)"(,|\r\n$)/gy;
  let match: RegExpExecArray | null;
  let read = 0;
  while ((match = cell.exec(line))) {
    cells.push(match[1]!.replaceAll('""', '"'));
    read = cell.lastIndex;
  }
  // Nothing outside quoted cells: the whole line was read.
  expect(read).toBe(line.length);
  return cells;
}

describe("CSV cells", () => {
  it("quote every value and double its quotes, so commas and line breaks stay inside", () => {
    expect(csvCell("plain")).toBe('"plain"');
    expect(csvCell('say "hi", then\r\nleave')).toBe('"say ""hi"", then\r\nleave"');
    expect(parseCsvLine(csvLine(["a,b", 'c"d', "e\nf", ""]))).toEqual(["a,b", 'c"d', "e\nf", ""]);
  });

  it.each(['=HYPERLINK("http://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd", " =1+1", "\u3000@SUM(A1)", "\uff1d1+1"])(
    "turn %j, which a spreadsheet would run as a formula, into text",
    (value) => {
      expect(parseCsvLine(csvLine([value]))).toEqual([`'${value}`]);
    },
  );

  it("leave values that only contain those characters later alone", () => {
    expect(parseCsvLine(csvLine(["a=b", "x-1", "me@example.com"]))).toEqual(["a=b", "x-1", "me@example.com"]);
  });

  it("write an event's columns in the header's order, its details as JSON", () => {
    const record: AuditExportRecord = {
      id: "e1",
      createdAt: "2026-03-01T10:00:00.000Z",
      action: "client.create",
      actionLabel: "Client created",
      actor: { type: "user", label: "=cmd|' /C calc'!A0" },
      target: { type: "client", id: "c1", label: 'Plant "A", line 2' },
      details: { after: { name: "x" } },
    };
    expect(parseCsvLine(csvLine(csvCells(record)))).toEqual([
      "2026-03-01T10:00:00.000Z",
      "client.create",
      "Client created",
      "user",
      "'=cmd|' /C calc'!A0",
      "client",
      "c1",
      'Plant "A", line 2',
      '{"after":{"name":"x"}}',
      "e1",
    ]);
  });
});
