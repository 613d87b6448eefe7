import { beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { clientInput, createTestTenant, expectDomainError, type TestTenant } from "@/lib/testing/fixtures";
import { checkNewClient } from "./check-new-client";
import { createClient } from "./create-client";

let tenant: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  [tenant, other] = await Promise.all([createTestTenant("check-new"), createTestTenant("check-new-other")]);
});

describe("checkNewClient", () => {
  it("says whether a Client Id is in use, in this tenant or another, and nothing more", async () => {
    const mine = randomUUID();
    const theirs = randomUUID();
    await createClient(tenant.admin, clientInput({ clientId: mine }));
    await createClient(other.admin, clientInput({ clientId: theirs, name: "Their client" }));

    expect(await checkNewClient(tenant.admin, { clientId: mine })).toEqual({ clientIdInUse: true, sameName: null });
    // Ids are global: another tenant's id is taken too, but the answer names no client or tenant.
    expect(await checkNewClient(tenant.admin, { clientId: theirs.toUpperCase() })).toEqual({ clientIdInUse: true, sameName: null });
    expect(await checkNewClient(tenant.admin, { clientId: randomUUID() })).toEqual({ clientIdInUse: false, sameName: null });
    expect(await checkNewClient(tenant.admin, { clientId: "" })).toEqual({ clientIdInUse: false, sameName: null });
  });

  it("finds the tenant's client of the same name in any letter case, and only the tenant's", async () => {
    const first = await createClient(tenant.admin, clientInput({ name: "UX_Historian_Plant1" }));
    await createClient(tenant.admin, clientInput({ name: "ux_historian_plant1" }));
    await createClient(other.admin, clientInput({ name: "Only_Theirs" }));

    expect(await checkNewClient(tenant.admin, { name: "  Ux_Historian_PLANT1 " })).toEqual({
      clientIdInUse: false,
      sameName: { clientId: first.clientId, name: "UX_Historian_Plant1", count: 2 },
    });
    expect((await checkNewClient(tenant.admin, { name: "Only_Theirs" })).sameName).toBeNull();
    expect((await checkNewClient(tenant.admin, { name: "" })).sameName).toBeNull();
  });

  it("is for administrators, and refuses a malformed Client Id with the form's message", async () => {
    await expectDomainError(checkNewClient(tenant.member, { name: "x" }), "FORBIDDEN");
    await expectDomainError(checkNewClient(tenant.admin, { clientId: "not-a-guid" }), "VALIDATION", { field: "clientId", message: /must be a GUID/ });
  });
});
