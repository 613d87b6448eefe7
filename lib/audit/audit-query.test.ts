import { describe, expect, it } from "vitest";
import { auditCursor, auditDateRange, ZAuditExportQuery, ZAuditFilters, ZAuditQuery } from "@/lib/validation/audit";

describe("ZAuditQuery", () => {
  it("treats empty filters as none and defaults the page size", () => {
    expect(ZAuditQuery.parse({ action: "", actor: " ", target: "" })).toEqual({
      action: undefined,
      actor: undefined,
      target: undefined,
      cursor: undefined,
      limit: 25,
    });
  });

  it("reads a cursor back into its instant and id", () => {
    const event = { createdAt: new Date("2026-03-01T10:00:00.123Z"), id: "0b6f8f8e-3f7c-4d55-9a43-2f1d2c3b4a59" };
    expect(ZAuditQuery.parse({ cursor: auditCursor(event), limit: "10" })).toMatchObject({ cursor: event, limit: 10 });
  });

  it.each([
    [{ limit: "0" }, "limit"],
    [{ limit: "101" }, "limit"],
    [{ limit: "ten" }, "limit"],
    [{ cursor: "abc" }, "cursor"],
    [{ cursor: "1.' OR 1=1 --" }, "cursor"],
    [{ action: "Client.Create" }, "action"],
    [{ action: "client.create; DROP TABLE" }, "action"],
    [{ actor: "x".repeat(201) }, "actor"],
    [{ from: "yesterday" }, "from"],
  ])("refuses %j", (raw, field) => {
    const result = ZAuditQuery.safeParse(raw);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([field]);
  });
});

describe("the date range", () => {
  it("takes YYYY-MM-DD days and covers both of them whole, in UTC", () => {
    const query = ZAuditQuery.parse({ from: "2026-03-01", to: " 2026-03-31 " });
    expect(query).toMatchObject({ from: "2026-03-01", to: "2026-03-31" });
    expect(auditDateRange(query)).toEqual({ gte: new Date("2026-03-01T00:00:00.000Z"), lt: new Date("2026-04-01T00:00:00.000Z") });
    expect(auditDateRange(ZAuditQuery.parse({ to: "2026-12-31" }))).toEqual({ lt: new Date("2027-01-01T00:00:00.000Z") });
    expect(auditDateRange(ZAuditQuery.parse({ from: "", to: "" }))).toEqual({});
    expect(ZAuditQuery.safeParse({ from: "2026-03-01", to: "2026-03-01" }).success).toBe(true);
  });

  it.each([
    [{ from: "03/01/2026" }, "from", "From must be a date written YYYY-MM-DD, e.g. 2026-03-01"],
    [{ to: "2026-3-1" }, "to", "To must be a date written YYYY-MM-DD, e.g. 2026-03-01"],
    [{ from: "2026-02-30" }, "from", "From: 2026-02-30 is not a real date"],
    [{ to: "2026-13-01" }, "to", "To: 2026-13-01 is not a real date"],
    [{ from: "2026-04-02", to: "2026-04-01" }, "to", "To must be the same day as From or later"],
    // One message for one mistake: a bad day is not also "out of order".
    [{ from: "2026-99-99", to: "2026-01-01" }, "from", "From: 2026-99-99 is not a real date"],
    [{ from: "0000-01-01" }, "from", "From must be 1970-01-01 or later"],
  ])("refuses %j with a message a person understands", (raw, field, message) => {
    for (const schema of [ZAuditQuery, ZAuditFilters, ZAuditExportQuery]) {
      const result = schema.safeParse({ format: "csv", ...raw });
      expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([[field, message]]);
    }
  });
});

describe("ZAuditExportQuery", () => {
  it("needs a format, csv or json", () => {
    expect(ZAuditExportQuery.parse({ format: "json", action: "client.create" })).toMatchObject({ format: "json", action: "client.create" });
    for (const raw of [{}, { format: "xlsx" }]) {
      expect(ZAuditExportQuery.safeParse(raw).error?.issues.map((i) => i.message)).toEqual(["Export format must be csv or json"]);
    }
  });
});
