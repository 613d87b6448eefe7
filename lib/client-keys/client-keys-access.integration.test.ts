import { beforeAll, describe, expect, it } from "vitest";
import { createClient } from "@/lib/clients/create-client";
import { createTestTenant, expectDomainError, signedJwtClientInput, tenantState, type TestTenant } from "@/lib/testing/fixtures";
import { ecKeyPair } from "@/lib/testing/test-keys";
import { addClientKey } from "./add-client-key";
import { deleteClientKey } from "./delete-client-key";
import { listClientKeys } from "./list-client-keys";

// Who may read, add and delete a signed-JWT client's keys (the Keys tab and its actions go
// through these functions): refusals change nothing in either tenant.

let tenant: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  [tenant, other] = await Promise.all([createTestTenant("keys-access"), createTestTenant("keys-other")]);
});

const bothTenantsState = () => Promise.all([tenantState(tenant.id), tenantState(other.id)]);
const newClient = (t: TestTenant) => createClient(t.admin, signedJwtClientInput(ecKeyPair().publicJwk()));

describe("a plain member", () => {
  it("reads the keys", async () => {
    const client = await newClient(tenant);
    expect((await listClientKeys(tenant.member, client.clientId)).map((key) => key.id)).toEqual([client.key.id]);
  });

  it("is refused with FORBIDDEN creating a signed-JWT client, adding or deleting a key, and nothing changes", async () => {
    const client = await newClient(tenant);
    const before = await bothTenantsState();
    await expectDomainError(createClient(tenant.member, signedJwtClientInput(ecKeyPair().publicJwk())), "FORBIDDEN");
    await expectDomainError(addClientKey(tenant.member, client.clientId, { key: ecKeyPair().publicJwk() }), "FORBIDDEN");
    await expectDomainError(deleteClientKey(tenant.member, client.clientId, client.key.id), "FORBIDDEN");
    expect(await bothTenantsState()).toEqual(before);
  });
});

describe("another tenant's administrator", () => {
  it("gets NOT_FOUND for the real Client Id and key id, and nothing changes", async () => {
    const client = await newClient(tenant);
    const before = await bothTenantsState();
    await expectDomainError(listClientKeys(other.admin, client.clientId), "NOT_FOUND", { message: /Client not found/ });
    await expectDomainError(addClientKey(other.admin, client.clientId, { key: ecKeyPair().publicJwk() }), "NOT_FOUND");
    await expectDomainError(deleteClientKey(other.admin, client.clientId, client.key.id), "NOT_FOUND");
    expect(await bothTenantsState()).toEqual(before);
  });

  it("gets NOT_FOUND deleting this tenant's key under a client of their own", async () => {
    const client = await newClient(tenant);
    const theirs = await newClient(other);
    const before = await bothTenantsState();
    await expectDomainError(deleteClientKey(other.admin, theirs.clientId, client.key.id), "NOT_FOUND", { message: /Key not found/ });
    expect(await bothTenantsState()).toEqual(before);
  });
});
