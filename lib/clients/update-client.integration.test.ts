import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { clientInput, createTestTenant, expectDomainError, tenantState, type TestTenant } from "@/lib/testing/fixtures";
import { createClient } from "./create-client";
import { getClient } from "./get-client";
import { updateClient } from "./update-client";

let tenant: TestTenant;
let other: TestTenant;
let production: string;

beforeAll(async () => {
  [tenant, other] = await Promise.all([createTestTenant("update-client"), createTestTenant("update-client-other")]);
  production = (await db.environment.findFirstOrThrow({ where: { tenantId: tenant.id, name: "Production" } })).id;
});

const newCodeClient = () =>
  createClient(tenant.admin, {
    type: "authorization-code",
    name: "Dashboard",
    redirectUris: ["https://app.example.com/cb"],
    postLogoutRedirectUris: ["https://app.example.com/out"],
    corsOrigins: ["https://cors.example.com"],
  });

const newHybridClient = () =>
  createClient(tenant.admin, { type: "hybrid", name: "Web", redirectUris: ["https://web.example.com/cb"], secret: { expires: "never" } });

async function auditOf(clientId: string) {
  const events = await db.auditEvent.findMany({ where: { tenantId: tenant.id, targetId: clientId, action: "client.update" }, orderBy: { createdAt: "asc" } });
  return events.map((event) => JSON.parse(event.details) as { before: Record<string, unknown>; after: Record<string, unknown> });
}

describe("updateClient", () => {
  it("changes the common fields and audits only what changed, before and after", async () => {
    const { clientId } = await createClient(tenant.admin, clientInput({ name: "Historian", tokenLifetime: 600 }));
    const result = await updateClient(tenant.admin, {
      type: "client-credentials",
      clientId,
      name: "Historian 2",
      description: "Plant 4 historian",
      environmentId: production,
      tokenLifetime: 600, // unchanged: not audited
    });
    expect(result).toEqual({ clientId, name: "Historian 2", changed: ["name", "description", "environment"] });
    expect(await getClient(tenant.admin, clientId)).toMatchObject({
      name: "Historian 2",
      description: "Plant 4 historian",
      environment: { id: production, name: "Production" },
      tokenLifetime: 600,
    });
    expect(await auditOf(clientId)).toEqual([
      {
        before: { name: "Historian", description: "", environment: "Development" },
        after: { name: "Historian 2", description: "Plant 4 historian", environment: "Production" },
      },
    ]);
    const event = await db.auditEvent.findFirstOrThrow({ where: { targetId: clientId, action: "client.update" } });
    expect(event).toMatchObject({ actorId: tenant.adminUserId, targetType: "client", targetLabel: "Historian 2" });
  });

  it("keeps the name searchable in any letter case after a rename", async () => {
    const { clientId } = await createClient(tenant.admin, clientInput());
    await updateClient(tenant.admin, { type: "client-credentials", clientId, name: "Renamed MixedCase" });
    expect((await db.client.findUniqueOrThrow({ where: { clientId } })).nameSearch).toBe("renamed mixedcase");
  });

  it("changes the token lifetime within 60–3600 seconds only", async () => {
    const { clientId } = await createClient(tenant.admin, clientInput());
    await updateClient(tenant.admin, { type: "client-credentials", clientId, tokenLifetime: "120" });
    expect((await getClient(tenant.admin, clientId)).tokenLifetime).toBe(120);
    const before = await tenantState(tenant.id);
    for (const tokenLifetime of [59, 3601]) {
      await expectDomainError(updateClient(tenant.admin, { type: "client-credentials", clientId, tokenLifetime }), "VALIDATION", { field: "tokenLifetime" });
    }
    expect(await tenantState(tenant.id)).toEqual(before);
  });

  it("replaces each URL list of an authorization code client on its own", async () => {
    const { clientId } = await newCodeClient();
    const result = await updateClient(tenant.admin, {
      type: "authorization-code",
      clientId,
      redirectUris: "https://app.example.com/cb\nhttps://app.example.com/cb2",
      postLogoutRedirectUris: ["https://app.example.com/out"],
      corsOrigins: "",
    });
    expect(result.changed).toEqual(["redirectUris", "corsOrigins"]);
    expect(await getClient(tenant.admin, clientId)).toMatchObject({
      redirectUris: ["https://app.example.com/cb", "https://app.example.com/cb2"],
      postLogoutRedirectUris: ["https://app.example.com/out"],
      corsOrigins: [],
    });
    expect(await auditOf(clientId)).toEqual([
      {
        before: { redirectUris: ["https://app.example.com/cb"], corsOrigins: ["https://cors.example.com"] },
        after: { redirectUris: ["https://app.example.com/cb", "https://app.example.com/cb2"], corsOrigins: [] },
      },
    ]);
  });

  it("refuses CORS origins that differ only by a trailing slash as the same origin listed twice", async () => {
    const { clientId } = await newCodeClient();
    const before = await getClient(tenant.admin, clientId);
    await expectDomainError(
      updateClient(tenant.admin, { type: "authorization-code", clientId, corsOrigins: ["https://a.example.com", "https://a.example.com/"] }),
      "VALIDATION",
    );
    expect(await getClient(tenant.admin, clientId)).toEqual(before);
  });

  it("switches a hybrid client's refresh tokens on and off, and changes its URLs", async () => {
    const { clientId } = await newHybridClient();
    await updateClient(tenant.admin, { type: "hybrid", clientId, allowRefreshToken: true, postLogoutRedirectUris: "https://web.example.com/out" });
    expect(await getClient(tenant.admin, clientId)).toMatchObject({ allowRefreshToken: true, postLogoutRedirectUris: ["https://web.example.com/out"] });
    await updateClient(tenant.admin, { type: "hybrid", clientId, allowRefreshToken: false });
    expect((await getClient(tenant.admin, clientId)).allowRefreshToken).toBe(false);
    expect((await auditOf(clientId)).map((entry) => entry.after)).toEqual([
      { allowRefreshToken: true, postLogoutRedirectUris: ["https://web.example.com/out"] },
      { allowRefreshToken: false },
    ]);
  });

  it("ignores fields the client's type does not have", async () => {
    const { clientId } = await createClient(tenant.admin, clientInput());
    const result = await updateClient(tenant.admin, {
      type: "client-credentials",
      clientId,
      ...({ redirectUris: ["https://x.example.com/cb"], allowRefreshToken: true } as object),
    });
    expect(result.changed).toEqual([]);
    expect(await db.clientUri.count({ where: { client: { clientId } } })).toBe(0);
  });

  it("writes nothing and audits nothing when nothing changes", async () => {
    const { clientId } = await newCodeClient();
    const current = await getClient(tenant.admin, clientId);
    const before = await tenantState(tenant.id);
    const result = await updateClient(tenant.admin, {
      type: "authorization-code",
      clientId,
      name: current.name,
      description: current.description,
      environmentId: current.environment.id,
      tokenLifetime: current.tokenLifetime,
      redirectUris: current.redirectUris.join("\n"),
      postLogoutRedirectUris: current.postLogoutRedirectUris,
      corsOrigins: current.corsOrigins,
    });
    expect(result.changed).toEqual([]);
    expect(await tenantState(tenant.id)).toEqual(before);
  });

  it("refuses to change the client's type", async () => {
    const { clientId } = await newCodeClient();
    const before = await tenantState(tenant.id);
    await expectDomainError(updateClient(tenant.admin, { type: "hybrid", clientId, allowRefreshToken: true }), "VALIDATION", {
      field: "type",
      message: /type cannot change/,
    });
    expect(await tenantState(tenant.id)).toEqual(before);
  });

  it("applies the URL rules of creation", async () => {
    const { clientId } = await newCodeClient();
    const before = await tenantState(tenant.id);
    await expectDomainError(updateClient(tenant.admin, { type: "authorization-code", clientId, redirectUris: "" }), "VALIDATION", {
      field: "redirectUris",
      message: /at least one redirect URL/,
    });
    await expectDomainError(updateClient(tenant.admin, { type: "authorization-code", clientId, redirectUris: ["http://app.example.com/cb"] }), "VALIDATION", {
      field: "redirectUris",
      message: /must use https/,
    });
    await expectDomainError(updateClient(tenant.admin, { type: "authorization-code", clientId, corsOrigins: ["https://a.example.com/x"] }), "VALIDATION", {
      field: "corsOrigins",
    });
    expect(await tenantState(tenant.id)).toEqual(before);
  });

  it("refuses an environment of another tenant", async () => {
    const { clientId } = await createClient(tenant.admin, clientInput());
    const theirs = await db.environment.findFirstOrThrow({ where: { tenantId: other.id } });
    const before = await tenantState(tenant.id);
    await expectDomainError(updateClient(tenant.admin, { type: "client-credentials", clientId, environmentId: theirs.id }), "VALIDATION", {
      field: "environmentId",
    });
    expect(await tenantState(tenant.id)).toEqual(before);
  });

  it("enforces the tenant's name policy on a new name, but not on an old name left as it is", async () => {
    const strict = await createTestTenant("update-policy");
    const { clientId } = await createClient(strict.admin, clientInput({ name: "old name" }));
    await db.tenant.update({ where: { id: strict.id }, data: { clientNamePolicy: "letters-digits-underscores-min5" } });

    const before = await tenantState(strict.id);
    await expectDomainError(updateClient(strict.admin, { type: "client-credentials", clientId, name: "new name" }), "VALIDATION", { field: "name" });
    expect(await tenantState(strict.id)).toEqual(before);

    expect((await updateClient(strict.admin, { type: "client-credentials", clientId, name: "old name", tokenLifetime: 300 })).changed).toEqual([
      "tokenLifetime",
    ]);
    expect((await updateClient(strict.admin, { type: "client-credentials", clientId, name: "new_name" })).name).toBe("new_name");
  });
});

describe("updateClient refusals", () => {
  it("answers FORBIDDEN to a member and changes nothing", async () => {
    const { clientId } = await newCodeClient();
    const before = await tenantState(tenant.id);
    await expectDomainError(updateClient(tenant.member, { type: "authorization-code", clientId, name: "Taken over" }), "FORBIDDEN");
    expect(await tenantState(tenant.id)).toEqual(before);
  });

  it("answers NOT_FOUND to an administrator of another tenant using the real client id, and changes nothing", async () => {
    const { clientId } = await newHybridClient();
    const [before, beforeOther] = await Promise.all([tenantState(tenant.id), tenantState(other.id)]);
    await expectDomainError(updateClient(other.admin, { type: "hybrid", clientId, name: "Taken over", allowRefreshToken: true }), "NOT_FOUND", {
      message: /Client not found/,
    });
    await expectDomainError(getClient(other.admin, clientId), "NOT_FOUND");
    expect(await tenantState(tenant.id)).toEqual(before);
    expect(await tenantState(other.id)).toEqual(beforeOther);
  });
});

describe("getClient", () => {
  it("returns the client's details without any secret material", async () => {
    const created = await newHybridClient();
    const details = await getClient(tenant.member, created.clientId.toUpperCase());
    expect(details).toMatchObject({ clientId: created.clientId, type: "hybrid", name: "Web", createdByLabel: tenant.admin.actor.label });
    expect(Object.keys(details).sort()).toEqual(
      [
        "allowRefreshToken",
        "clientId",
        "corsOrigins",
        "createdAt",
        "createdByLabel",
        "description",
        "environment",
        "name",
        "postLogoutRedirectUris",
        "redirectUris",
        "securityType",
        "tokenLifetime",
        "tokenSigningAlg",
        "type",
        "updatedAt",
      ].sort(),
    );
    expect(JSON.stringify(details)).not.toContain(created.secret.plaintext);
  });

  it("answers NOT_FOUND for an id that is not a GUID", async () => {
    await expectDomainError(getClient(tenant.admin, "not-a-guid"), "NOT_FOUND");
  });
});
