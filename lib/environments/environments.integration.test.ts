import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createClient } from "@/lib/clients/create-client";
import { db } from "@/lib/db/prisma";
import { clientInput, createTestTenant, expectDomainError, tenantState, type TestTenant } from "@/lib/testing/fixtures";
import { createEnvironment } from "./create-environment";
import { deleteEnvironment } from "./delete-environment";
import { listEnvironments } from "./list-environments";
import { renameEnvironment } from "./rename-environment";

/** Everything these functions could change, for "nothing changed" assertions. */
async function stateOf(tenant: TestTenant) {
  const environments = await db.environment.findMany({ where: { tenantId: tenant.id }, orderBy: { id: "asc" } });
  return { ...(await tenantState(tenant.id)), environments };
}

async function auditOf(tenant: TestTenant, action: string) {
  const events = await db.auditEvent.findMany({ where: { tenantId: tenant.id, action }, orderBy: { createdAt: "asc" } });
  return events.map((e) => ({ target: [e.targetType, e.targetId, e.targetLabel], details: JSON.parse(e.details) as unknown }));
}

describe("listEnvironments", () => {
  it("lists Development and Production of a new tenant, with client counts, Development the default", async () => {
    const tenant = await createTestTenant("env-list");
    const production = (await listEnvironments(tenant.admin))[1]!;
    await createClient(tenant.admin, clientInput({ environmentId: production.id }));
    await createClient(tenant.admin, clientInput({ environmentId: production.id }));
    // Members see them too (read-only page).
    expect((await listEnvironments(tenant.member)).map(({ name, clientCount, isDefault }) => ({ name, clientCount, isDefault }))).toEqual([
      { name: "Development", clientCount: 0, isDefault: true },
      { name: "Production", clientCount: 2, isDefault: false },
    ]);
  });
});

describe("createEnvironment", () => {
  let tenant: TestTenant;
  beforeAll(async () => {
    tenant = await createTestTenant("env-create");
  });

  it("adds an environment clients can be created in, and records it", async () => {
    const staging = await createEnvironment(tenant.admin, { name: "  Staging  " });
    expect(staging.name).toBe("Staging");
    expect((await listEnvironments(tenant.admin)).map((e) => e.name)).toEqual(["Development", "Production", "Staging"]);
    expect((await createClient(tenant.admin, clientInput({ environmentId: staging.id }))).environment).toBe("Staging");
    expect(await auditOf(tenant, "environment.create")).toEqual([{ target: ["environment", staging.id, "Staging"], details: { after: { name: "Staging" } } }]);
  });

  it.each(["production", "PRODUCTION", " Development "])("refuses %j: names are unique ignoring case", async (name) => {
    const before = await stateOf(tenant);
    await expectDomainError(createEnvironment(tenant.admin, { name }), "CONFLICT", { field: "name", message: /already exists/ });
    expect(await stateOf(tenant)).toEqual(before);
  });

  it.each([
    ["", /Enter a name/],
    ["   ", /Enter a name/],
    ["x".repeat(41), /at most 40/],
    ["tab\there", /control characters/],
  ])("refuses the name %j with VALIDATION", async (name, message) => {
    const before = await stateOf(tenant);
    await expectDomainError(createEnvironment(tenant.admin, { name }), "VALIDATION", { field: "name", message });
    expect(await stateOf(tenant)).toEqual(before);
  });

  it("creates one environment when the same name arrives concurrently in different cases", async () => {
    const names = ["Edge", "edge", "EDGE", "Edge", "eDGE"];
    const results = await Promise.allSettled(names.map((name) => createEnvironment(tenant.admin, { name })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ name: "DomainError", code: "CONFLICT", field: "name" });
    expect((await listEnvironments(tenant.admin)).filter((e) => e.name.toLowerCase() === "edge")).toHaveLength(1);
  });
});

describe("renameEnvironment", () => {
  let tenant: TestTenant;
  beforeAll(async () => {
    tenant = await createTestTenant("env-rename");
  });

  it("renames, keeps its clients, and records before and after", async () => {
    const [development] = await listEnvironments(tenant.admin);
    const client = await createClient(tenant.admin, clientInput({ environmentId: development!.id }));
    const renamed = await renameEnvironment(tenant.admin, { environmentId: development!.id, name: "Dev" });
    expect(renamed).toEqual({ id: development!.id, name: "Dev", previousName: "Development" });
    expect((await db.client.findUniqueOrThrow({ where: { clientId: client.clientId }, include: { environment: true } })).environment.name).toBe("Dev");
    expect(await auditOf(tenant, "environment.update")).toEqual([
      { target: ["environment", development!.id, "Dev"], details: { before: { name: "Development" }, after: { name: "Dev" } } },
    ]);
  });

  it("allows changing only the letter case of its own name; records nothing for no change", async () => {
    const production = (await listEnvironments(tenant.admin)).find((e) => e.name === "Production")!;
    expect((await renameEnvironment(tenant.admin, { environmentId: production.id, name: "PRODUCTION" })).name).toBe("PRODUCTION");
    const before = await stateOf(tenant);
    await renameEnvironment(tenant.admin, { environmentId: production.id, name: "PRODUCTION" });
    expect(await stateOf(tenant)).toEqual(before);
  });

  it("refuses another environment's name in any case, and unknown ids", async () => {
    const [dev, prod] = await listEnvironments(tenant.admin);
    const before = await stateOf(tenant);
    await expectDomainError(renameEnvironment(tenant.admin, { environmentId: dev!.id, name: prod!.name.toLowerCase() }), "CONFLICT", { field: "name" });
    await expectDomainError(renameEnvironment(tenant.admin, { environmentId: randomUUID(), name: "Anything" }), "NOT_FOUND", {
      message: /Environment not found/,
    });
    await expectDomainError(renameEnvironment(tenant.admin, { environmentId: dev!.id, name: "" }), "VALIDATION", { field: "name" });
    expect(await stateOf(tenant)).toEqual(before);
  });
});

describe("deleteEnvironment", () => {
  let tenant: TestTenant;
  beforeAll(async () => {
    tenant = await createTestTenant("env-delete");
  });

  it("refuses an environment with clients, saying how many", async () => {
    const staging = await createEnvironment(tenant.admin, { name: "Staging" });
    await createClient(tenant.admin, clientInput({ environmentId: staging.id }));
    await createClient(tenant.admin, clientInput({ environmentId: staging.id }));
    const before = await stateOf(tenant);
    await expectDomainError(deleteEnvironment(tenant.admin, { environmentId: staging.id }), "CONFLICT", { message: /"Staging" is used by 2 clients/ });
    expect(await stateOf(tenant)).toEqual(before);
  });

  it("deletes an unused environment and records it", async () => {
    const qa = await createEnvironment(tenant.admin, { name: "QA" });
    expect(await deleteEnvironment(tenant.admin, { environmentId: qa.id })).toEqual({ id: qa.id, name: "QA" });
    expect((await listEnvironments(tenant.admin)).map((e) => e.name)).not.toContain("QA");
    expect(await auditOf(tenant, "environment.delete")).toEqual([{ target: ["environment", qa.id, "QA"], details: { before: { name: "QA" } } }]);
  });

  it("never deletes the last environment, even when two deletions race", async () => {
    const solo = await createTestTenant("env-last");
    const [dev, prod] = await listEnvironments(solo.admin);
    const results = await Promise.allSettled([dev, prod].map((e) => deleteEnvironment(solo.admin, { environmentId: e!.id })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refusal = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refusal.reason).toMatchObject({ name: "DomainError", code: "CONFLICT", message: expect.stringMatching(/only environment/) });
    const [last] = await listEnvironments(solo.admin);
    await expectDomainError(deleteEnvironment(solo.admin, { environmentId: last!.id }), "CONFLICT", { message: /only environment/ });
    expect(await listEnvironments(solo.admin)).toHaveLength(1);
  });
});

describe("who may change environments", () => {
  let a: TestTenant;
  let b: TestTenant;
  let environmentOfA: { id: string; name: string };
  beforeAll(async () => {
    [a, b] = await Promise.all([createTestTenant("env-authz-a"), createTestTenant("env-authz-b")]);
    environmentOfA = await createEnvironment(a.admin, { name: "Unused" });
  });

  it("refuses a member without Account Administrator, and changes nothing", async () => {
    const before = await stateOf(a);
    await expectDomainError(createEnvironment(a.member, { name: "Sneaky" }), "FORBIDDEN");
    await expectDomainError(renameEnvironment(a.member, { environmentId: environmentOfA.id, name: "Sneaky" }), "FORBIDDEN");
    await expectDomainError(deleteEnvironment(a.member, { environmentId: environmentOfA.id }), "FORBIDDEN");
    expect(await stateOf(a)).toEqual(before);
  });

  it("answers NOT_FOUND to an administrator of another tenant using real ids, and changes nothing", async () => {
    const [beforeA, beforeB] = await Promise.all([stateOf(a), stateOf(b)]);
    await expectDomainError(renameEnvironment(b.admin, { environmentId: environmentOfA.id, name: "Taken over" }), "NOT_FOUND", {
      message: /Environment not found/,
    });
    await expectDomainError(deleteEnvironment(b.admin, { environmentId: environmentOfA.id }), "NOT_FOUND", { message: /Environment not found/ });
    expect(await stateOf(a)).toEqual(beforeA);
    expect(await stateOf(b)).toEqual(beforeB);
    // Creating in B with A's names is fine: names are unique per tenant only.
    const ofB = await createEnvironment(b.admin, { name: "Unused" });
    expect(await stateOf(a)).toEqual(beforeA);
    expect((await listEnvironments(b.admin)).map((e) => e.id)).not.toContain(environmentOfA.id);
    expect((await listEnvironments(a.admin)).map((e) => e.id)).not.toContain(ofB.id);
  });
});
