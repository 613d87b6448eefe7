import { beforeAll, describe, expect, it } from "vitest";
import { createClient, type CreatedConfidentialClient } from "@/lib/clients/create-client";
import { db } from "@/lib/db/prisma";
import { clientInput, createTestTenant, dateInDays, expectDomainError, tenantState, type TestTenant } from "@/lib/testing/fixtures";
import { addClientSecret } from "./add-client-secret";
import { deleteClientSecret } from "./delete-client-secret";
import { listClientSecrets } from "./list-client-secrets";

// Who may read, add and delete a client's secrets (the secrets page and its actions go
// through these functions), and the tenant's secret policy on every addition.

let tenant: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  [tenant, other] = await Promise.all([createTestTenant("secrets-access"), createTestTenant("secrets-other")]);
});

async function bothTenantsState() {
  return Promise.all([tenantState(tenant.id), tenantState(other.id)]);
}

describe("reading a client's secrets", () => {
  it("gives members and administrators the summaries", async () => {
    const client = await createClient(tenant.admin, clientInput());
    for (const ctx of [tenant.admin, tenant.member]) {
      expect((await listClientSecrets(ctx, client.clientId)).map((s) => s.id)).toEqual([client.secret.id]);
    }
  });

  it("gives an authorization code client no secrets", async () => {
    const client = await createClient(tenant.admin, {
      type: "authorization-code",
      name: "Browser app",
      redirectUris: ["https://app.example.com/callback"],
    });
    expect(await listClientSecrets(tenant.member, client.clientId)).toEqual([]);
  });

  it("answers NOT_FOUND to another tenant's administrator using the real Client Id", async () => {
    const client = await createClient(tenant.admin, clientInput());
    await expectDomainError(listClientSecrets(other.admin, client.clientId), "NOT_FOUND", { message: /Client not found/ });
  });
});

describe("adding a secret", () => {
  it("refuses a plain member with FORBIDDEN and changes nothing", async () => {
    const client = await createClient(tenant.admin, clientInput());
    const before = await bothTenantsState();
    await expectDomainError(addClientSecret(tenant.member, client.clientId, { expires: dateInDays(30) }), "FORBIDDEN");
    expect(await bothTenantsState()).toEqual(before);
  });

  it("answers NOT_FOUND to another tenant's administrator and changes nothing", async () => {
    const client = await createClient(tenant.admin, clientInput());
    const before = await bothTenantsState();
    await expectDomainError(addClientSecret(other.admin, client.clientId, { expires: dateInDays(30) }), "NOT_FOUND");
    expect(await bothTenantsState()).toEqual(before);
  });

  it("refuses an authorization code client, which is public", async () => {
    const client = await createClient(tenant.admin, {
      type: "authorization-code",
      name: "Public app",
      redirectUris: ["https://app.example.com/callback"],
    });
    const before = await tenantState(tenant.id);
    await expectDomainError(addClientSecret(tenant.admin, client.clientId, { expires: dateInDays(30) }), "VALIDATION", { message: /no secrets/ });
    expect(await tenantState(tenant.id)).toEqual(before);
  });

  it("adds to a hybrid client and returns the plaintext once, with the summary", async () => {
    const client = await createClient(tenant.admin, {
      type: "hybrid",
      name: "Hybrid app",
      redirectUris: ["https://app.example.com/callback"],
      secret: { expires: "never" },
    });
    const added = await addClientSecret(tenant.admin, client.clientId, { description: "second", expires: dateInDays(30) });
    expect(added.plaintext.startsWith(added.hint)).toBe(true);
    expect(added).toMatchObject({ description: "second", createdByLabel: tenant.admin.actor.label, lastUsedAt: null });
    expect((await listClientSecrets(tenant.member, client.clientId)).map((s) => s.hint)).toContain(added.hint);
  });
});

describe("the tenant's secret policy", () => {
  async function tenantWithPolicy(policy: { maxSecretLifetimeDays?: number | null; allowNeverExpiringSecrets?: boolean }) {
    const t = await createTestTenant("secrets-policy");
    await db.tenant.update({ where: { id: t.id }, data: policy });
    return { t, client: (await createClient(t.admin, clientInput({ secret: { expires: dateInDays(5) } }))) as CreatedConfidentialClient };
  }

  it("refuses an expiry beyond the maximum lifetime, on the form's field, and allows one within it", async () => {
    const { t, client } = await tenantWithPolicy({ maxSecretLifetimeDays: 90 });
    const before = await tenantState(t.id);
    await expectDomainError(addClientSecret(t.admin, client.clientId, { expires: dateInDays(92) }, "secret."), "VALIDATION", {
      field: "secret.expires",
      message: /at most 90 days/,
    });
    await expectDomainError(addClientSecret(t.admin, client.clientId, { expires: "never" }), "VALIDATION", { field: "expires" });
    expect(await tenantState(t.id)).toEqual(before);
    await addClientSecret(t.admin, client.clientId, { expires: dateInDays(89) });
    expect(await listClientSecrets(t.admin, client.clientId)).toHaveLength(2);
  });

  it("refuses “never expires” when the tenant does not allow it", async () => {
    const { t, client } = await tenantWithPolicy({ allowNeverExpiringSecrets: false });
    const before = await tenantState(t.id);
    await expectDomainError(addClientSecret(t.admin, client.clientId, { expires: "never" }, "secret."), "VALIDATION", {
      field: "secret.expires",
      message: /requires every secret to expire/,
    });
    expect(await tenantState(t.id)).toEqual(before);
    await addClientSecret(t.admin, client.clientId, { expires: dateInDays(3000) });
  });
});

describe("deleting a secret", () => {
  it("refuses a plain member with FORBIDDEN and changes nothing", async () => {
    const client = await createClient(tenant.admin, clientInput());
    const before = await bothTenantsState();
    await expectDomainError(deleteClientSecret(tenant.member, client.clientId, client.secret.id), "FORBIDDEN");
    expect(await bothTenantsState()).toEqual(before);
  });

  it("answers NOT_FOUND to another tenant's administrator using real ids and changes nothing", async () => {
    const client = await createClient(tenant.admin, clientInput());
    const before = await bothTenantsState();
    await expectDomainError(deleteClientSecret(other.admin, client.clientId, client.secret.id), "NOT_FOUND");
    // Their own client with our secret id: the secret is not found under it either.
    const theirs = await createClient(other.admin, clientInput());
    const afterCreate = await bothTenantsState();
    await expectDomainError(deleteClientSecret(other.admin, theirs.clientId, client.secret.id), "NOT_FOUND");
    expect(await bothTenantsState()).toEqual(afterCreate);
    expect(afterCreate[0]).toEqual(before[0]);
  });

  it("answers NOT_FOUND for a secret of another client under this client, and keeps it", async () => {
    const a = await createClient(tenant.admin, clientInput());
    const b = await createClient(tenant.admin, clientInput());
    const before = await tenantState(tenant.id);
    await expectDomainError(deleteClientSecret(tenant.admin, a.clientId, b.secret.id), "NOT_FOUND", { message: /Secret not found/ });
    expect(await tenantState(tenant.id)).toEqual(before);
  });

  it("deletes the last secret, leaving a client that cannot authenticate until one is added", async () => {
    const client = await createClient(tenant.admin, clientInput());
    await deleteClientSecret(tenant.admin, client.clientId, client.secret.id);
    expect(await listClientSecrets(tenant.admin, client.clientId)).toEqual([]);
  });
});
