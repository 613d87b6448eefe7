import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { hashSecret } from "@/lib/secrets/generate-secret";
import { clientInput, createTestTenant, dateInDays, expectDomainError, tenantState, type TestTenant } from "@/lib/testing/fixtures";
import { ZCreateClient, type TCreateClient } from "@/lib/validation/client";
import { fieldErrorsOf } from "@/lib/validation/parse-input";
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
    expect(row).toMatchObject({
      id: created.id,
      tenantId: tenant.id,
      tokenLifetime: 900,
      createdById: tenant.adminUserId,
      createdByLabel: tenant.admin.actor.label,
    });
    expect((await listClients(tenant.admin)).clients.map((c) => c.clientId)).toContain(created.clientId);
    expect((await listClients(other.admin)).clients.map((c) => c.clientId)).not.toContain(created.clientId);
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
      expect(event).toMatchObject({
        actorType: "user",
        actorId: tenant.adminUserId,
        actorLabel: tenant.admin.actor.label,
        targetType: "client",
        targetLabel: "Audited",
      });
    }
    const clientCreate = events.find((e) => e.action === "client.create")!;
    expect(JSON.parse(clientCreate.details)).toEqual({
      after: {
        type: "client-credentials",
        name: "Audited",
        description: "",
        environment: "Development",
        tokenLifetime: 3600,
        tokenSigningAlg: "ES256",
        securityType: "client-secret",
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

const ENV_NAMES = ["Development", "Production"];

async function environmentIds(tenantId: string): Promise<Record<string, string>> {
  const rows = await db.environment.findMany({ where: { tenantId, name: { in: ENV_NAMES } } });
  return Object.fromEntries(rows.map((row) => [row.name, row.id]));
}

async function storedUris(clientId: string) {
  const rows = await db.clientUri.findMany({ where: { client: { clientId } } });
  return rows.map((row) => `${row.kind} ${row.uri}`).sort();
}

describe("createClient: authorization code", () => {
  it("stores the URL lists, has Account Member and no secret, and audits the URLs", async () => {
    const created = await createClient(tenant.admin, {
      type: "authorization-code",
      name: "Dashboard",
      redirectUris: "https://app.example.com/callback\n\n  http://localhost:3000/callback  ",
      postLogoutRedirectUris: ["https://app.example.com/signed-out"],
      corsOrigins: "https://other.example.com/\nhttps://third.example.com:8443",
      tokenLifetime: 1800,
    });
    expect(created).toMatchObject({ type: "authorization-code", name: "Dashboard", tokenLifetime: 1800, roles: ["Account Member"], secret: null });
    expect(await db.clientSecret.count({ where: { client: { clientId: created.clientId } } })).toBe(0);
    expect(await storedUris(created.clientId)).toEqual([
      "cors-origin https://other.example.com",
      "cors-origin https://third.example.com:8443",
      "post-logout-redirect https://app.example.com/signed-out",
      "redirect http://localhost:3000/callback",
      "redirect https://app.example.com/callback",
    ]);
    const row = await db.client.findUniqueOrThrow({ where: { clientId: created.clientId } });
    expect(row.allowRefreshToken).toBe(false);
    const event = await db.auditEvent.findFirstOrThrow({ where: { tenantId: tenant.id, targetId: created.clientId, action: "client.create" } });
    expect(JSON.parse(event.details).after).toMatchObject({
      type: "authorization-code",
      redirect: ["https://app.example.com/callback", "http://localhost:3000/callback"],
      "post-logout-redirect": ["https://app.example.com/signed-out"],
      "cors-origin": ["https://other.example.com", "https://third.example.com:8443"],
    });
  });

  it("ignores secret, roles and refresh-token input, which this public client type cannot have", async () => {
    const created = await createClient(tenant.admin, {
      type: "authorization-code",
      name: "Public",
      redirectUris: ["https://app.example.com/cb"],
      ...({ secret: { expires: "never" }, roleIds: [tenant.roleIds.administrator], allowRefreshToken: true } as object),
    });
    expect(created.secret).toBeNull();
    expect(created.roles).toEqual(["Account Member"]);
    expect((await db.client.findUniqueOrThrow({ where: { clientId: created.clientId } })).allowRefreshToken).toBe(false);
  });

  it("requires at least one redirect URL", async () => {
    const before = await tenantState(tenant.id);
    for (const redirectUris of [[], "", " \n "]) {
      await expectDomainError(createClient(tenant.admin, { type: "authorization-code", name: "No redirect", redirectUris }), "VALIDATION", {
        field: "redirectUris",
        message: /at least one redirect URL/,
      });
    }
    expect(await tenantState(tenant.id)).toEqual(before);
  });

  it.each([
    ["redirectUris", "http://app.example.com/cb", /must use https/],
    ["redirectUris", "https://app.example.com/cb#done", /fragment/],
    ["redirectUris", "https://*.example.com/cb", /wildcards/],
    ["redirectUris", "/relative/cb", /not an absolute URL/],
    ["postLogoutRedirectUris", "ftp://app.example.com/out", /must use https/],
    ["corsOrigins", "https://app.example.com/path", /origin is only scheme, host and port/],
  ] as const)("refuses %s entry %j and creates nothing", async (field, value, message) => {
    const before = await tenantState(tenant.id);
    const input = { type: "authorization-code" as const, name: "Bad URL", redirectUris: ["https://ok.example.com/cb"], [field]: [value] };
    await expectDomainError(createClient(tenant.admin, input), "VALIDATION", { field, message });
    expect(await tenantState(tenant.id)).toEqual(before);
  });

  it("reports every problem of every URL as its own message for the form", () => {
    const parsed = ZCreateClient.safeParse({
      type: "authorization-code",
      name: "Form",
      redirectUris: "http://a.example.com/cb\nhttps://b.example.com/#x\nhttps://ok.example.com/cb\nhttps://ok.example.com/cb",
    });
    expect(parsed.success).toBe(false);
    expect(fieldErrorsOf(parsed.error!).redirectUris).toEqual([
      expect.stringMatching(/^http:\/\/a\.example\.com\/cb: must use https/),
      expect.stringMatching(/^https:\/\/b\.example\.com\/#x: must not contain a fragment/),
      "https://ok.example.com/cb: is listed twice",
    ]);
  });
});

describe("createClient: hybrid", () => {
  it("creates the client with its first secret, redirect URLs and the refresh-token choice", async () => {
    const created = await createClient(tenant.admin, {
      type: "hybrid",
      name: "Web backend",
      allowRefreshToken: true,
      redirectUris: "https://web.example.com/signin-oidc",
      postLogoutRedirectUris: "https://web.example.com/signout-callback",
      secret: { description: "web-01", expires: dateInDays(90) },
    });
    expect(created).toMatchObject({ type: "hybrid", roles: ["Account Member"] });
    expect(created.secret.plaintext).toMatch(/^lk_/);
    expect(await db.clientSecret.count({ where: { client: { clientId: created.clientId } } })).toBe(1);
    expect((await db.client.findUniqueOrThrow({ where: { clientId: created.clientId } })).allowRefreshToken).toBe(true);
    expect(await storedUris(created.clientId)).toEqual([
      "post-logout-redirect https://web.example.com/signout-callback",
      "redirect https://web.example.com/signin-oidc",
    ]);
  });

  it("defaults to no refresh token and ignores CORS origins, which hybrid clients do not have", async () => {
    const created = await createClient(tenant.admin, {
      type: "hybrid",
      name: "Web backend 2",
      redirectUris: ["https://web.example.com/cb"],
      secret: { expires: "never" },
      ...({ corsOrigins: ["https://other.example.com"] } as object),
    });
    expect((await db.client.findUniqueOrThrow({ where: { clientId: created.clientId } })).allowRefreshToken).toBe(false);
    expect(await storedUris(created.clientId)).toEqual(["redirect https://web.example.com/cb"]);
  });

  it("requires a redirect URL and a valid first secret, and creates nothing otherwise", async () => {
    const before = await tenantState(tenant.id);
    await expectDomainError(createClient(tenant.admin, { type: "hybrid", name: "H", redirectUris: [], secret: { expires: "never" } }), "VALIDATION", {
      field: "redirectUris",
    });
    await expectDomainError(
      createClient(tenant.admin, { type: "hybrid", name: "H", redirectUris: ["https://h.example.com/cb"], secret: { expires: dateInDays(0) } }),
      "VALIDATION",
      { field: "secret.expires" },
    );
    expect(await tenantState(tenant.id)).toEqual(before);
  });
});

describe("createClient: environments", () => {
  it("puts the client in the tenant's first environment unless another one is chosen", async () => {
    const ids = await environmentIds(tenant.id);
    expect((await createClient(tenant.admin, clientInput())).environment).toBe("Development");
    expect((await createClient(tenant.admin, clientInput({ environmentId: ids.Production }))).environment).toBe("Production");
  });

  it("refuses another tenant's environment", async () => {
    const theirs = await environmentIds(other.id);
    const before = await tenantState(tenant.id);
    await expectDomainError(createClient(tenant.admin, clientInput({ environmentId: theirs.Production })), "VALIDATION", { field: "environmentId" });
    expect(await tenantState(tenant.id)).toEqual(before);
  });
});

describe("createClient: the tenant's client-name policy", () => {
  let strict: TestTenant;

  beforeAll(async () => {
    strict = await createTestTenant("name-policy");
    await db.tenant.update({ where: { id: strict.id }, data: { clientNamePolicy: "letters-digits-underscores-min5" } });
  });

  const inputs = (name: string) =>
    [
      clientInput({ name }),
      { type: "authorization-code", name, redirectUris: ["https://a.example.com/cb"] },
      { type: "hybrid", name, redirectUris: ["https://a.example.com/cb"], secret: { expires: "never" } },
    ] satisfies TCreateClient[];

  it.each(["abcd", "with space", "dash-name", "ünïcode"])("refuses %j for every client type", async (name) => {
    const before = await tenantState(strict.id);
    for (const input of inputs(name)) {
      await expectDomainError(createClient(strict.admin, input), "VALIDATION", {
        field: "name",
        message: /at least 5 characters of letters, numbers and underscores/,
      });
    }
    expect(await tenantState(strict.id)).toEqual(before);
  });

  it("accepts a conforming name for every client type", async () => {
    for (const input of inputs("Plant_04")) expect((await createClient(strict.admin, input)).name).toBe("Plant_04");
  });

  it("does not apply to tenants without the policy", async () => {
    expect((await createClient(tenant.admin, clientInput({ name: "a b" }))).name).toBe("a b");
  });
});

describe("createClient refusals for every type", () => {
  const allTypes = (): TCreateClient[] => [
    clientInput(),
    { type: "authorization-code", name: "Refused", redirectUris: ["https://a.example.com/cb"] },
    { type: "hybrid", name: "Refused", redirectUris: ["https://a.example.com/cb"], secret: { expires: "never" } },
  ];

  it("answers FORBIDDEN to a member and creates nothing", async () => {
    const before = await tenantState(tenant.id);
    for (const input of allTypes()) await expectDomainError(createClient(tenant.member, input), "FORBIDDEN");
    expect(await tenantState(tenant.id)).toEqual(before);
  });
});
