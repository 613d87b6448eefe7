import { describe, expect, it } from "vitest";
import { auditCursor, ZAuditQuery } from "@/lib/validation/audit";

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
  ])("refuses %j", (raw, field) => {
    const result = ZAuditQuery.safeParse(raw);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([field]);
  });
});
