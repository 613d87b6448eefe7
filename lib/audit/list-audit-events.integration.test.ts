import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createClient } from "@/lib/clients/create-client";
import { deleteClient } from "@/lib/clients/delete-client";
import { createRole } from "@/lib/roles/create-role";
import { deleteRole } from "@/lib/roles/delete-role";
import { addTenantUser } from "@/lib/users/add-tenant-user";
import { removeMember } from "@/lib/users/remove-member";
import { db } from "@/lib/db/prisma";
import { createEnvironment } from "@/lib/environments/create-environment";
import { addClientSecret } from "@/lib/secrets/add-client-secret";
import { deleteClientSecret } from "@/lib/secrets/delete-client-secret";
import { hashSecret } from "@/lib/secrets/generate-secret";
import { updateTenantSettings } from "@/lib/tenants/update-tenant-settings";
import { clientInput, createTestTenant, dateInDays, expectDomainError, type TestTenant } from "@/lib/testing/fixtures";
import type { TAuditQuery } from "@/lib/validation/audit";
import { listAuditActions } from "./list-audit-actions";
import { listAuditEvents, type AuditEntry } from "./list-audit-events";

let a: TestTenant;
let b: TestTenant;
let plaintexts: string[];
let clientId: string;

/** Every entry the query matches, walking the cursor page by page. */
async function allPages(tenant: TestTenant, query: TAuditQuery = {}): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const result = await listAuditEvents(tenant.admin, { ...query, cursor });
    entries.push(...result.events);
    if (!result.nextCursor) return entries;
    cursor = result.nextCursor;
  }
  throw new Error("pagination does not end");
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTestTenant("audit-a"), createTestTenant("audit-b")]);
  const client = await createClient(a.admin, clientInput({ name: "Plant Historian", secret: { description: "first", expires: dateInDays(30) } }));
  clientId = client.clientId;
  const second = await addClientSecret(a.admin, clientId, { description: "rotation", expires: "never" });
  await deleteClientSecret(a.admin, clientId, client.secret.id);
  await updateTenantSettings(a.admin, { maxSecretLifetimeDays: 90 });
  await createEnvironment(a.admin, { name: "50% rollout" });
  const other = await createClient(b.admin, clientInput({ name: "Plant Historian" }));
  plaintexts = [client.secret.plaintext, second.plaintext, other.secret.plaintext];
});

describe("listAuditEvents", () => {
  it("lists the tenant's own events, newest first, with actor, target and readable changes", async () => {
    const { events, nextCursor } = await listAuditEvents(a.admin);
    expect(events.every((e) => Object.keys(e).sort().join() === "action,actionLabel,actor,createdAt,details,id,target")).toBe(true);
    expect(nextCursor).toBeNull();
    expect(events.map((e) => e.action)).toEqual([
      "environment.create",
      "tenant.settings",
      "secret.delete",
      "secret.create",
      "secret.create",
      "client.create",
      "membership.create",
      "membership.create",
      "tenant.create",
    ]);
    const times = events.map((e) => Date.parse(e.createdAt));
    expect([...times].sort((x, y) => y - x)).toEqual(times);

    const settings = events[1]!;
    expect(settings).toMatchObject({
      actor: { type: "user", label: a.admin.actor.label },
      actionLabel: "Tenant settings changed",
      target: { type: "tenant", id: a.slug, label: a.name },
      details: {
        // Only what changed; the client-name policy stayed the same.
        changes: [
          { field: "Maximum secret lifetime (days)", before: "none", after: "90" },
          { field: "Secrets that never expire allowed", before: "yes", after: "no" },
        ],
        facts: [],
      },
    });
    expect(events.find((e) => e.action === "client.create")).toMatchObject({ target: { type: "client", id: clientId, label: "Plant Historian" } });
    expect(events.at(-1)).toMatchObject({ action: "tenant.create", actor: { type: "cli", label: "test-setup" } });
  });

  it("never returns another tenant's events, nor a secret or its hash", async () => {
    const [ofA, ofB] = await Promise.all([allPages(a), allPages(b)]);
    const idsOfB = new Set(ofB.map((e) => e.id));
    expect(ofA.some((e) => idsOfB.has(e.id))).toBe(false);
    expect(ofB.map((e) => e.action)).not.toContain("tenant.settings");

    const text = JSON.stringify([ofA, ofB]);
    for (const plaintext of plaintexts) {
      expect(text).not.toContain(plaintext);
      expect(text).not.toContain(plaintext.slice(3));
      expect(text).not.toContain(hashSecret(plaintext));
    }
  });

  it("filters by action", async () => {
    const events = await allPages(a, { action: "secret.create" });
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.action === "secret.create" && e.target.id === clientId)).toBe(true);
    expect(await allPages(a, { action: "role.delete" })).toEqual([]);
  });

  it("filters by actor, ignoring letter case", async () => {
    const byAdmin = await allPages(a, { actor: a.admin.actor.label.toUpperCase().slice(0, 12) });
    expect(byAdmin.length).toBe(6);
    expect(byAdmin.every((e) => e.actor.label === a.admin.actor.label)).toBe(true);
    expect((await allPages(a, { actor: "TEST-SETUP" })).map((e) => e.action)).toEqual(["membership.create", "membership.create", "tenant.create"]);
  });

  it("filters by target label (any case) or target id", async () => {
    const byName = await allPages(a, { target: "plant hist" });
    expect(byName.map((e) => e.action)).toEqual(["secret.delete", "secret.create", "secret.create", "client.create"]);
    expect(await allPages(a, { target: clientId.slice(0, 13) })).toEqual(byName);
    expect(await allPages(a, { target: "plant hist", action: "secret.delete" })).toHaveLength(1);
    // Wildcards of SQL LIKE are plain characters here.
    expect((await allPages(a, { target: "%" })).map((e) => e.target.label)).toEqual(["50% rollout"]);
    expect(await allPages(a, { target: "_" })).toEqual([]);
  });

  it("pages with a cursor without gaps or repeats, also among events of the same instant", async () => {
    const tenant = await createTestTenant("audit-pages");
    const at = new Date("2026-01-02T03:04:05.678Z");
    await db.auditEvent.createMany({
      data: Array.from({ length: 7 }, (_, i) => ({
        id: randomUUID(),
        tenantId: tenant.id,
        actorType: "cli",
        actorLabel: "cli",
        action: "environment.create",
        targetType: "environment",
        targetId: `env-${i}`,
        targetLabel: `Same_instant ${i}`,
        createdAt: at,
      })),
    });
    const everything = (await listAuditEvents(tenant.admin, { limit: 100 })).events;
    expect(everything).toHaveLength(10);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listAuditEvents(tenant.admin, { limit: 3, cursor });
      expect(page.events.length).toBeLessThanOrEqual(3);
      seen.push(...page.events.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(everything.map((e) => e.id));

    // A term with a LIKE wildcard is matched literally, page by page all the same.
    const literal = await allPages(tenant, { target: "E_INSTANT", limit: 2 });
    expect(literal.map((e) => e.id)).toEqual(everything.filter((e) => e.target.label.startsWith("Same_")).map((e) => e.id));
    expect(literal).toHaveLength(7);
    expect(await allPages(tenant, { target: "e\\i" })).toEqual([]);
  });

  it("does not leak another tenant's events through a cursor taken from them", async () => {
    const [newestOfB] = (await listAuditEvents(b.admin, { limit: 1 })).events;
    const future = `${Date.parse(newestOfB!.createdAt) + 1}.${newestOfB!.id}`;
    const page = await listAuditEvents(a.admin, { cursor: future, limit: 100 });
    const ofA = new Set((await allPages(a)).map((e) => e.id));
    expect(page.events.every((e) => ofA.has(e.id))).toBe(true);
  });

  it("filters by a date range that includes both of its days whole, in UTC", async () => {
    const tenant = await createTestTenant("audit-range");
    const at = ["2026-02-28T23:59:59.999Z", "2026-03-01T00:00:00.000Z", "2026-03-01T23:59:59.999Z", "2026-03-02T00:00:00.000Z"];
    await db.auditEvent.createMany({
      data: at.map((iso) => ({
        tenantId: tenant.id,
        actorType: "cli",
        actorLabel: "cli",
        action: "environment.create",
        targetType: "environment",
        targetId: iso,
        targetLabel: iso,
        createdAt: new Date(iso),
      })),
    });
    const ids = async (query: TAuditQuery) => (await allPages(tenant, { action: "environment.create", ...query })).map((e) => e.target.id);
    expect(await ids({ from: "2026-03-01", to: "2026-03-01" })).toEqual([at[2], at[1]]);
    expect(await ids({ from: "2026-03-01" })).toEqual([at[3], at[2], at[1]]);
    expect(await ids({ to: "2026-02-28" })).toEqual([at[0]]);
    expect(await ids({ from: "2026-03-03" })).toEqual([]);
    await expectDomainError(listAuditEvents(tenant.admin, { from: "2026-03-02", to: "2026-03-01" }), "VALIDATION", { field: "to" });
  });

  it("says whether each entry's client, user or role is still there, in its own tenant only", async () => {
    const tenant = await createTestTenant("audit-links");
    await createClient(tenant.admin, clientInput({ name: "Kept" }));
    const gone = await createClient(tenant.admin, clientInput({ name: "Gone" }));
    await deleteClient(tenant.admin, gone.clientId);
    const role = await createRole(tenant.admin, { name: "Short-lived", description: "" });
    await deleteRole(tenant.admin, { roleId: role.id });
    await createRole(tenant.admin, { name: "Readers", description: "" });
    const leaver = await addTenantUser(tenant.admin, { email: `leaver-${Date.now()}@example.com`, roleIds: [] });
    await removeMember(tenant.admin, { userId: leaver.userId });
    // An entry naming another tenant's client (as if forged) does not find it.
    const elsewhere = await createClient(b.admin, clientInput());
    await db.auditEvent.create({
      data: {
        tenantId: tenant.id,
        actorType: "cli",
        actorLabel: "cli",
        action: "client.update",
        targetType: "client",
        targetId: elsewhere.clientId,
        targetLabel: "x",
      },
    });

    const exists = Object.fromEntries((await allPages(tenant)).map((e) => [`${e.action} ${e.target.label}`, e.target.exists]));
    expect(exists).toMatchObject({
      "client.create Kept": true,
      "client.create Gone": false,
      "client.delete Gone": false,
      "role.create Short-lived": false,
      "role.create Readers": true,
      [`membership.create ${tenant.admin.actor.label}`]: true,
      [`membership.delete ${leaver.email}`]: false,
      "client.update x": false,
      [`tenant.create ${tenant.name}`]: null,
    });
  });

  it("refuses an invalid query with VALIDATION", async () => {
    await expectDomainError(listAuditEvents(a.admin, { limit: 0 }), "VALIDATION", { field: "limit" });
    await expectDomainError(listAuditEvents(a.admin, { limit: 500 }), "VALIDATION", { field: "limit" });
    await expectDomainError(listAuditEvents(a.admin, { cursor: "garbage" }), "VALIDATION", { field: "cursor" });
    await expectDomainError(listAuditEvents(a.admin, { action: "client.create' OR 1=1" }), "VALIDATION", { field: "action" });
  });

  it("is for Account Administrators only", async () => {
    await expectDomainError(listAuditEvents(a.member), "FORBIDDEN");
    await expectDomainError(listAuditActions(a.member), "FORBIDDEN");
  });
});

describe("listAuditActions", () => {
  it("offers the actions present in the tenant's own log, by label", async () => {
    expect(await listAuditActions(a.admin)).toEqual([
      { action: "client.create", label: "Client created" },
      { action: "environment.create", label: "Environment created" },
      { action: "secret.create", label: "Secret added" },
      { action: "secret.delete", label: "Secret deleted" },
      { action: "tenant.create", label: "Tenant created" },
      { action: "tenant.settings", label: "Tenant settings changed" },
      { action: "membership.create", label: "User added" },
    ]);
    expect((await listAuditActions(b.admin)).map((o) => o.action)).not.toContain("tenant.settings");
  });
});
