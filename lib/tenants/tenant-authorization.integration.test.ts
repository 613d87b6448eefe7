// Security regressions: who may change a tenant's clients and secrets. Refusals must
// leave the database exactly as it was.
import { beforeAll, describe, expect, it } from "vitest";
import { createClient, type CreatedConfidentialClient } from "@/lib/clients/create-client";
import { db } from "@/lib/db/prisma";
import { addClientSecret } from "@/lib/secrets/add-client-secret";
import { deleteClientSecret } from "@/lib/secrets/delete-client-secret";
import { listClientSecrets } from "@/lib/secrets/list-client-secrets";
import { clientInput, createTestTenant, expectDomainError, tenantState, type TestTenant } from "@/lib/testing/fixtures";
import { addTenantUser } from "@/lib/users/add-tenant-user";
import { loadUserTenantContext } from "./load-tenant-context";

let a: TestTenant;
let b: TestTenant;
let clientOfA: CreatedConfidentialClient;

beforeAll(async () => {
  [a, b] = await Promise.all([createTestTenant("authz-a"), createTestTenant("authz-b")]);
  clientOfA = await createClient(a.admin, clientInput());
});

describe("loadUserTenantContext", () => {
  it("marks only holders of Account Administrator as administrators", () => {
    expect(a.admin).toMatchObject({ tenantId: a.id, tenantSlug: a.slug, isAdministrator: true, actor: { type: "user", userId: a.adminUserId } });
    expect(a.member).toMatchObject({ tenantId: a.id, tenantSlug: a.slug, isAdministrator: false, actor: { type: "user", userId: a.memberUserId } });
  });

  it("returns null for a user who is not a member of the tenant", async () => {
    expect(await loadUserTenantContext(b.adminUserId, a.slug)).toBeNull();
    expect(await loadUserTenantContext(a.adminUserId, b.slug)).toBeNull();
    expect(await loadUserTenantContext(a.adminUserId, `${a.slug}-missing`)).toBeNull();
    expect(await loadUserTenantContext("no-such-user", a.slug)).toBeNull();
  });
});

describe("a member without Account Administrator", () => {
  it("cannot create a client", async () => {
    const before = await tenantState(a.id);
    await expectDomainError(createClient(a.member, clientInput()), "FORBIDDEN");
    expect(await tenantState(a.id)).toEqual(before);
  });

  it("cannot add a secret", async () => {
    const before = await tenantState(a.id);
    await expectDomainError(addClientSecret(a.member, clientOfA.clientId, { expires: "never" }), "FORBIDDEN");
    expect(await tenantState(a.id)).toEqual(before);
  });

  it("cannot delete a secret", async () => {
    const before = await tenantState(a.id);
    await expectDomainError(deleteClientSecret(a.member, clientOfA.clientId, clientOfA.secret.id), "FORBIDDEN");
    expect(await tenantState(a.id)).toEqual(before);
  });

  it("cannot add users", async () => {
    const before = await tenantState(a.id);
    await expectDomainError(addTenantUser(a.member, { email: `intruder-${a.slug}@example.com`, roleIds: [a.roleIds.administrator] }), "FORBIDDEN");
    expect(await tenantState(a.id)).toEqual(before);
  });
});

describe("an administrator of tenant B using tenant A's real client id", () => {
  it("gets NOT_FOUND from addClientSecret", async () => {
    const [beforeA, beforeB] = await Promise.all([tenantState(a.id), tenantState(b.id)]);
    await expectDomainError(addClientSecret(b.admin, clientOfA.clientId, { expires: "never" }), "NOT_FOUND", { message: /Client not found/ });
    expect(await tenantState(a.id)).toEqual(beforeA);
    expect(await tenantState(b.id)).toEqual(beforeB);
  });

  it("gets NOT_FOUND from deleteClientSecret, even with the secret's real id", async () => {
    const [beforeA, beforeB] = await Promise.all([tenantState(a.id), tenantState(b.id)]);
    await expectDomainError(deleteClientSecret(b.admin, clientOfA.clientId, clientOfA.secret.id), "NOT_FOUND");
    expect(await db.clientSecret.count({ where: { id: clientOfA.secret.id } })).toBe(1);
    expect(await tenantState(a.id)).toEqual(beforeA);
    expect(await tenantState(b.id)).toEqual(beforeB);
  });

  it("gets NOT_FOUND from listClientSecrets", async () => {
    await expectDomainError(listClientSecrets(b.admin, clientOfA.clientId), "NOT_FOUND");
    // The owner still sees it: the refusal is about the tenant, not the id.
    expect((await listClientSecrets(a.admin, clientOfA.clientId)).map((s) => s.id)).toEqual([clientOfA.secret.id]);
  });

  it("cannot delete its own client's secret through another tenant's client", async () => {
    const clientOfB = await createClient(b.admin, clientInput());
    await expectDomainError(deleteClientSecret(b.admin, clientOfA.clientId, clientOfB.secret.id), "NOT_FOUND");
    await expectDomainError(deleteClientSecret(a.admin, clientOfA.clientId, clientOfB.secret.id), "NOT_FOUND");
    expect(await db.clientSecret.count({ where: { id: clientOfB.secret.id } })).toBe(1);
  });
});
