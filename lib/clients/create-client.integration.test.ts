import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { hashSecret } from "@/lib/secrets/generate-secret";
import { clientInput, createTestTenant, dateInDays, expectDomainError, tenantState, type TestTenant } from "@/lib/testing/fixtures";
import { createClient } from "./create-client";
import { listClients } from "./list-clients";

const V4_GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let tenant: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  [tenant, other] = await Promise.all([createTestTenant("create-client"), createTestTenant("create-client-other")]);
});

describe("createClient", () => {
  it("generates a version 4 GUID when no client id is given, and stores the client in its tenant", async () => {
    const created = await createClient(tenant.admin, clientInput({ name: "Billing export", tokenLifetime: 900 }));
    expect(created.clientId).toMatch(V4_GUID);
    expect(created).toMatchObject({ name: "Billing export", type: "client-credentials", tokenLifetime: 900, roles: ["Account Member"] });

    const row = await db.client.findUniqueOrThrow({ where: { clientId: created.clientId } });
    expect(row).toMatchObject({ id: created.id, tenantId: tenant.id, tokenLifetime: 900, createdById: tenant.adminUserId, createdByLabel: tenant.admin.actor.label });
    expect((await listClients(tenant.admin)).map((c) => c.clientId)).toContain(created.clientId);
    expect((await listClients(other.admin)).map((c) => c.clientId)).not.toContain(created.clientId);
  });

  it("treats an empty client id as 'generate one'", async () => {
    const created = await createClient(tenant.admin, clientInput({ clientId: "" }));
    expect(created.clientId).toMatch(V4_GUID);
  });

  it("keeps a caller-given GUID, in lower case", async () => {
    const given = randomUUID();
    const created = await createClient(tenant.admin, clientInput({ clientId: ` ${given.toUpperCase()} ` }));
    expect(created.clientId).toBe(given);
    expect(await db.client.count({ where: { clientId: given } })).toBe(1);
  });

  it("refuses a duplicate GUID in the same tenant, whatever its letter case", async () => {
    const given = randomUUID();
    await createClient(tenant.admin, clientInput({ clientId: given }));
    const before = await tenantState(tenant.id);
    await expectDomainError(createClient(tenant.admin, clientInput({ clientId: given })), "CONFLICT", { field: "clientId" });
    await expectDomainError(createClient(tenant.admin, clientInput({ clientId: given.toUpperCase() })), "CONFLICT", { field: "clientId" });
    expect(await tenantState(tenant.id)).toEqual(before);
  });

  it("refuses a GUID already used by another tenant, since the token endpoint sees ids without tenants", async () => {
    const given = randomUUID();
    await createClient(other.admin, clientInput({ clientId: given }));
    const before = await tenantState(tenant.id);
    await expectDomainError(createClient(tenant.admin, clientInput({ clientId: given })), "CONFLICT", { field: "clientId" });
    expect(await tenantState(tenant.id)).toEqual(before);
    expect((await db.client.findUniqueOrThrow({ where: { clientId: given } })).tenantId).toBe(other.id);
  });

  it("answers concurrent creations with one GUID with one client and CONFLICT for the rest", async () => {
    const given = randomUUID();
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => createClient(tenant.admin, clientInput({ clientId: given }))));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) {
      if (r.status === "rejected") expect(r.reason).toMatchObject({ name: "DomainError", code: "CONFLICT", field: "clientId" });
    }
    expect(await db.client.count({ where: { clientId: given } })).toBe(1);
  });

  it.each(["not-a-guid", "3f2c8a4e-5b1d-4c6f-9a0e-7d2b1c3e4f5", "{3f2c8a4e-5b1d-4c6f-9a0e-7d2b1c3e4f5a}"])(
    "refuses the invalid client id %j with VALIDATION",
    async (clientId) => {
      const before = await tenantState(tenant.id);
      await expectDomainError(createClient(tenant.admin, clientInput({ clientId })), "VALIDATION", { field: "clientId", message: /GUID/ });
      expect(await tenantState(tenant.id)).toEqual(before);
    },
  );

  it("refuses token lifetimes outside 60–3600 seconds", async () => {
    await expectDomainError(createClient(tenant.admin, clientInput({ tokenLifetime: 59 })), "VALIDATION", { field: "tokenLifetime" });
    await expectDomainError(createClient(tenant.admin, clientInput({ tokenLifetime: 3601 })), "VALIDATION", { field: "tokenLifetime" });
    expect((await createClient(tenant.admin, clientInput())).tokenLifetime).toBe(3600);
  });

  it("always gives the client Account Member, exactly once", async () => {
    const cases = [[], [tenant.roleIds.member], [tenant.roleIds.administrator], [tenant.roleIds.member, tenant.roleIds.administrator, tenant.roleIds.member]];
    for (const roleIds of cases) {
      const created = await createClient(tenant.admin, clientInput({ roleIds }));
      const stored = await db.clientRole.findMany({ where: { client: { clientId: created.clientId } }, include: { role: true } });
      const names = stored.map((r) => r.role.name).sort();
      expect(names.filter((n) => n === "Account Member")).toHaveLength(1);
      expect(names).toEqual(roleIds.includes(tenant.roleIds.administrator) ? ["Account Administrator", "Account Member"] : ["Account Member"]);
      expect(created.roles).toEqual(names);
    }
  });

  it("refuses a role of another tenant and creates nothing", async () => {
    const before = await tenantState(tenant.id);
    for (const roleId of [other.roleIds.administrator, other.roleIds.member, randomUUID()]) {
      await expectDomainError(createClient(tenant.admin, clientInput({ roleIds: [roleId] })), "VALIDATION", { field: "roleIds" });
    }
    expect(await tenantState(tenant.id)).toEqual(before);
  });

  it("creates the first secret with the client and records both in the audit log without the secret", async () => {
    const expires = dateInDays(30);
    const created = await createClient(tenant.admin, clientInput({ name: "Audited", secret: { description: "first", expires } }));
    expect(created.secret.plaintext).toMatch(/^lk_[A-Za-z0-9_-]{43}$/);
    expect(created.secret.expiresAt?.toISOString()).toBe(`${expires}T00:00:00.000Z`);

    const events = await db.auditEvent.findMany({ where: { tenantId: tenant.id, targetId: created.clientId }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.action).sort()).toEqual(["client.create", "secret.create"]);
    for (const event of events) {
      expect(event).toMatchObject({ actorType: "user", actorId: tenant.adminUserId, actorLabel: tenant.admin.actor.label, targetType: "client", targetLabel: "Audited" });
    }
    const clientCreate = events.find((e) => e.action === "client.create")!;
    expect(JSON.parse(clientCreate.details)).toEqual({
      after: {
        type: "client-credentials",
        name: "Audited",
        description: "",
        environment: "Development",
        tokenLifetime: 3600,
        allowRefreshToken: false,
        roles: ["Account Member"],
      },
    });
    const secretCreate = JSON.parse(events.find((e) => e.action === "secret.create")!.details) as Record<string, unknown>;
    expect(secretCreate).toMatchObject({ secretId: created.secret.id, hint: created.secret.hint, description: "first" });

    // The whole table, every column: neither the secret nor its hash may appear anywhere.
    const auditText = JSON.stringify(await db.auditEvent.findMany());
    expect(auditText).not.toContain(created.secret.plaintext);
    expect(auditText).not.toContain(hashSecret(created.secret.plaintext));
    expect(auditText).not.toContain(created.secret.plaintext.slice(3));
  });

  it("refuses a secret expiring today or earlier and creates no client", async () => {
    const before = await tenantState(tenant.id);
    await expectDomainError(createClient(tenant.admin, clientInput({ secret: { expires: dateInDays(0) } })), "VALIDATION", { field: "secret.expires" });
    await expectDomainError(createClient(tenant.admin, clientInput({ secret: { expires: "2027-02-30" } })), "VALIDATION", { field: "secret.expires" });
    expect(await tenantState(tenant.id)).toEqual(before);
  });
});
