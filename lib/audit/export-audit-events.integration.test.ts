import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/prisma";
import { createTestTenant, expectDomainError, type TestTenant } from "@/lib/testing/fixtures";
import { AUDIT_EXPORT_BATCH, exportAuditEvents, recordedFilter } from "./export-audit-events";
import { listAuditEvents } from "./list-audit-events";

const SEEDED = 2_500;
let tenant: TestTenant;
let other: TestTenant;
/** The seeded events' ids, newest first, as the log orders them. */
let seededIds: string[];

beforeAll(async () => {
  [tenant, other] = await Promise.all([createTestTenant("export"), createTestTenant("export-other")]);
  // Five events share each instant, so the order within an instant (by id) is exercised too.
  const start = Date.parse("2026-01-01T00:00:00.000Z");
  const rows = Array.from({ length: SEEDED }, (_, i) => ({
    id: randomUUID(),
    tenantId: tenant.id,
    actorType: "cli",
    actorLabel: i % 3 ? "ops@example.com" : "=cmd|' /C calc'!A0",
    action: i % 10 === 0 ? "role.create" : "environment.create",
    targetType: "environment",
    targetId: `env-${i}`,
    targetLabel: `Site_${i}, "line" 2`,
    details: JSON.stringify({ after: { name: `Site ${i}` } }),
    createdAt: new Date(start + Math.floor(i / 5) * 60_000),
  }));
  for (let i = 0; i < rows.length; i += 500) await db.auditEvent.createMany({ data: rows.slice(i, i + 500) });
  await db.auditEvent.create({ data: { ...rows[0]!, id: randomUUID(), tenantId: other.id, targetLabel: "other tenant" } });
  seededIds = [...rows].sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (x.id < y.id ? 1 : -1)).map((r) => r.id);
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** The whole body, a byte-order mark included (Response.text() would drop it). */
async function text(body: ReadableStream<Uint8Array>): Promise<string> {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(body).arrayBuffer());
}

/** The events of the export, read back from the JSON. */
type Exported = { id: string; createdAt: string; action: string; actor: { label: string }; target: { label: string }; details: unknown };

describe("exportAuditEvents", () => {
  it("streams every event of the tenant as JSON, newest first, reading the database in bounded batches", async () => {
    const findMany = vi.spyOn(db.auditEvent, "findMany");
    const { body, filename, contentType } = await exportAuditEvents(tenant.admin, { format: "json" });
    expect(filename).toMatch(new RegExp(`^latchkey-audit-${tenant.slug}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
    expect(contentType).toBe("application/json; charset=utf-8");
    // Nothing is read before the stream is: the reader's pace decides.
    expect(findMany).not.toHaveBeenCalled();

    // Taken slowly, it reads at most one batch ahead of the reader, however long it waits.
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let json = "";
    for (let taken = 1; ; taken++) {
      const chunk = await reader.read();
      if (chunk.done) break;
      json += decoder.decode(chunk.value, { stream: true });
      if (taken <= 3) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        expect(findMany.mock.calls.length).toBeLessThanOrEqual(taken);
      }
    }
    const takes = findMany.mock.calls.map(([args]) => args?.take);
    expect(takes.every((take) => take === AUDIT_EXPORT_BATCH)).toBe(true);
    expect(takes.length).toBe(Math.ceil((SEEDED + 3) / AUDIT_EXPORT_BATCH));
    findMany.mockRestore();

    const events = JSON.parse(json) as Exported[];
    // The tenant's own events (its setup's three, then the seeded ones), never the export's own entry.
    const seeded = events.filter((e) => e.createdAt.startsWith("2026-01-"));
    expect(seeded.map((e) => e.id)).toEqual(seededIds);
    expect(events).toHaveLength(SEEDED + 3);
    expect(events.some((e) => e.action === "audit.export" || e.target.label === "other tenant")).toBe(false);
    // The newest instant holds events 2495 to 2499.
    expect(seeded[0]).toMatchObject({ actor: { label: expect.any(String) }, details: { after: { name: expect.stringMatching(/^Site 249[5-9]$/) } } });
  });

  it("writes CSV with a header, escaped cells and formulas defused, filtered like the log", async () => {
    const { body, filename, contentType } = await exportAuditEvents(tenant.admin, {
      format: "csv",
      action: "role.create",
      from: "2026-01-01",
      to: "2026-01-01",
    });
    expect(filename.endsWith(".csv")).toBe(true);
    expect(contentType).toBe("text/csv; charset=utf-8");
    const csv = await text(body);
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe('\ufeff"Time (UTC)","Action","Description","Actor type","Actor","Target type","Target id","Target","Details","Event id"');
    // role.create every 10th event; 1440 minutes of 2026-01-01 hold events 0..7199, all 2,500.
    expect(lines.at(-1)).toBe("");
    const rows = lines.slice(1, -1);
    expect(rows).toHaveLength(SEEDED / 10);
    expect(rows.every((line) => line.includes('"role.create","Role created"'))).toBe(true);
    expect(csv).not.toMatch(/(^|,)"=cmd/m);
    expect(csv).toContain(`"'=cmd|' /C calc'!A0"`);
    expect(csv).toContain('"Site_2490, ""line"" 2"');

    // A range before any event: the header only.
    const empty = await text((await exportAuditEvents(tenant.admin, { format: "csv", to: "2025-12-31" })).body);
    expect(empty.split("\r\n")).toEqual([lines[0], ""]);
    expect(JSON.parse(await text((await exportAuditEvents(tenant.admin, { format: "json", to: "2025-12-31" })).body))).toEqual([]);
  });

  it("matches a text filter with a LIKE wildcard literally, across batches", async () => {
    // Site_24, Site_240 to Site_249 and Site_2400 to Site_2499; "_" is no wildcard here.
    const { body } = await exportAuditEvents(tenant.admin, { format: "json", target: "SITE_24" }, 100);
    const labels = (JSON.parse(await text(body)) as Exported[]).map((e) => e.target.label);
    expect(labels).toHaveLength(111);
    expect(labels.every((label) => label.startsWith("Site_24"))).toBe(true);
    const matching = await exportAuditEvents(tenant.admin, { format: "json", actor: "=CMD|" }, 100);
    expect((JSON.parse(await text(matching.body)) as Exported[]).length).toBe(Math.ceil(SEEDED / 3));
  });

  it("records each export with its format and filters, and no secret pasted into a filter", async () => {
    await exportAuditEvents(other.admin, { format: "csv", target: "lk_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG", from: "2026-01-01" });
    const [entry] = (await listAuditEvents(other.admin, { action: "audit.export" })).events;
    expect(entry).toMatchObject({
      actor: { type: "user", label: other.admin.actor.label },
      actionLabel: "Audit log exported",
      target: { type: "tenant", id: other.slug },
      details: {
        facts: [
          { field: "Format", value: "csv" },
          { field: "Filters", value: "Target: (looks like a secret: not recorded); From: 2026-01-01" },
        ],
      },
    });
    expect(JSON.stringify(await db.auditEvent.findMany({ where: { tenantId: other.id } }))).not.toContain("lk_0123456789");
    expect(recordedFilter({ action: undefined, actor: undefined, target: undefined, from: undefined, to: undefined })).toBe("none");
    // Without its prefix too; a Client Id (a GUID) is kept.
    const none = { action: undefined, actor: undefined, from: undefined, to: undefined };
    expect(recordedFilter({ ...none, target: "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG" })).toEqual({ target: "(looks like a secret: not recorded)" });
    expect(recordedFilter({ ...none, target: "3f2c8a4e-5b1d-4c6f-9a0e-7d2b1c3e4f5a" })).toEqual({ target: "3f2c8a4e-5b1d-4c6f-9a0e-7d2b1c3e4f5a" });
  });

  it("is for Account Administrators, with valid queries only, and records nothing otherwise", async () => {
    const before = await db.auditEvent.count({ where: { tenantId: tenant.id } });
    await expectDomainError(exportAuditEvents(tenant.member, { format: "csv" }), "FORBIDDEN");
    await expectDomainError(exportAuditEvents(tenant.admin, { format: "xlsx" }), "VALIDATION", { field: "format" });
    await expectDomainError(exportAuditEvents(tenant.admin, { format: "csv", from: "2026-02-30" }), "VALIDATION", { field: "from" });
    expect(await db.auditEvent.count({ where: { tenantId: tenant.id } })).toBe(before);
  });
});
