import { beforeAll, describe, expect, it } from "vitest";
import { createClient, type CreatedConfidentialClient } from "@/lib/clients/create-client";
import { listClients } from "@/lib/clients/list-clients";
import { db } from "@/lib/db/prisma";
import { clientInput, createTestTenant, dateInDays, expectDomainError, type TestTenant } from "@/lib/testing/fixtures";
import { addClientSecret } from "./add-client-secret";
import { deleteClientSecret } from "./delete-client-secret";
import { hashSecret } from "./generate-secret";
import { listClientSecrets } from "./list-client-secrets";

const LIMIT_MESSAGE = /limit of 10 secrets reached/i;

let tenant: TestTenant;

beforeAll(async () => {
  tenant = await createTestTenant("secrets");
});

/** Every column of every row that could hold a secret, as one string. */
async function storedText(): Promise<string> {
  const [secrets, events, clients] = await Promise.all([db.clientSecret.findMany(), db.auditEvent.findMany(), db.client.findMany()]);
  return JSON.stringify([secrets, events, clients]);
}

describe("client secrets at rest", () => {
  it("stores only the SHA-256 of each secret, never the plaintext", async () => {
    const client = await createClient(tenant.admin, clientInput());
    const second = await addClientSecret(tenant.admin, client.clientId, { description: "rotation", expires: dateInDays(10) });
    const plaintexts = [client.secret.plaintext, second.plaintext];

    const text = await storedText();
    for (const plaintext of plaintexts) {
      expect(text).not.toContain(plaintext);
      expect(text).not.toContain(plaintext.slice(3));
    }
    const rows = await db.clientSecret.findMany({ where: { clientId: client.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.hash).sort()).toEqual(plaintexts.map(hashSecret).sort());
    for (const row of rows) {
      expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.hint).toHaveLength(7);
      expect(plaintexts.some((p) => p.startsWith(row.hint))).toBe(true);
    }
    // Hashes stay in the database: they are absent from what the audit log and lists expose.
    const auditText = JSON.stringify(await db.auditEvent.findMany());
    for (const plaintext of plaintexts) expect(auditText).not.toContain(hashSecret(plaintext));
  });

  it("lists summaries without hash or plaintext", async () => {
    const client = await createClient(tenant.admin, clientInput({ secret: { description: "first", expires: "never" } }));
    const listed = await listClientSecrets(tenant.admin, client.clientId);
    expect(listed).toHaveLength(1);
    expect(Object.keys(listed[0]!).sort()).toEqual(["createdAt", "createdByLabel", "description", "expiresAt", "hint", "id", "lastUsedAt"]);
    expect(listed[0]).toMatchObject({ id: client.secret.id, hint: client.secret.hint, description: "first", expiresAt: null, lastUsedAt: null });
    expect(JSON.stringify(listed)).not.toContain(hashSecret(client.secret.plaintext));
  });

  it("refuses an expiry that is not in the future", async () => {
    const client = await createClient(tenant.admin, clientInput());
    await expectDomainError(addClientSecret(tenant.admin, client.clientId, { expires: dateInDays(0) }), "VALIDATION", { field: "expires" });
    await expectDomainError(addClientSecret(tenant.admin, client.clientId, { expires: dateInDays(-1) }), "VALIDATION", { field: "expires" });
    expect(await db.clientSecret.count({ where: { clientId: client.id } })).toBe(1);
  });
});

describe("the limit of 10 secrets per client", () => {
  async function clientWithSecrets(count: number): Promise<CreatedConfidentialClient> {
    const client = await createClient(tenant.admin, clientInput());
    for (let i = 1; i < count; i++) await addClientSecret(tenant.admin, client.clientId, { expires: "never" });
    return client;
  }

  it("refuses the 11th secret with LIMIT and keeps 10", async () => {
    const client = await clientWithSecrets(10);
    expect(await db.clientSecret.count({ where: { clientId: client.id } })).toBe(10);
    await expectDomainError(addClientSecret(tenant.admin, client.clientId, { expires: "never" }), "LIMIT", { message: LIMIT_MESSAGE });
    expect(await db.clientSecret.count({ where: { clientId: client.id } })).toBe(10);
    expect((await listClients(tenant.admin, { q: client.clientId })).clients.find((c) => c.clientId === client.clientId)?.secretCount).toBe(10);
  });

  it("allows a new secret again once one is deleted", async () => {
    const client = await clientWithSecrets(10);
    await deleteClientSecret(tenant.admin, client.clientId, client.secret.id);
    await addClientSecret(tenant.admin, client.clientId, { expires: "never" });
    expect(await db.clientSecret.count({ where: { clientId: client.id } })).toBe(10);
    await expectDomainError(addClientSecret(tenant.admin, client.clientId, { expires: "never" }), "LIMIT", { message: LIMIT_MESSAGE });
  });

  it("holds under 30 concurrent additions: exactly 10 secrets in total, the rest refused with LIMIT", async () => {
    const client = await createClient(tenant.admin, clientInput());
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => addClientSecret(tenant.admin, client.clientId, { description: `concurrent ${i}`, expires: "never" })),
    );
    const rejected = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason as unknown);
    // Anything other than LIMIT (deadlock, busy database, timeout) is a failure too.
    for (const reason of rejected) expect(reason).toMatchObject({ name: "DomainError", code: "LIMIT", message: expect.stringMatching(LIMIT_MESSAGE) });
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(9);
    expect(rejected).toHaveLength(21);
    expect(await db.clientSecret.count({ where: { clientId: client.id } })).toBe(10);
    expect(await db.auditEvent.count({ where: { tenantId: tenant.id, targetId: client.clientId, action: "secret.create" } })).toBe(10);
  });
});

describe("deleteClientSecret", () => {
  it("deletes only the named secret and records it without the secret", async () => {
    const client = await createClient(tenant.admin, clientInput());
    const second = await addClientSecret(tenant.admin, client.clientId, { description: "to delete", expires: "never" });
    await deleteClientSecret(tenant.admin, client.clientId, second.id);

    expect((await listClientSecrets(tenant.admin, client.clientId)).map((s) => s.id)).toEqual([client.secret.id]);
    const event = await db.auditEvent.findFirstOrThrow({ where: { tenantId: tenant.id, targetId: client.clientId, action: "secret.delete" } });
    expect(JSON.parse(event.details)).toEqual({ secretId: second.id, hint: second.hint, description: "to delete" });
    expect(event.details).not.toContain(hashSecret(second.plaintext));
  });

  it("answers NOT_FOUND for an unknown secret or one of another client", async () => {
    const a = await createClient(tenant.admin, clientInput());
    const b = await createClient(tenant.admin, clientInput());
    await expectDomainError(deleteClientSecret(tenant.admin, a.clientId, "no-such-secret"), "NOT_FOUND");
    await expectDomainError(deleteClientSecret(tenant.admin, a.clientId, b.secret.id), "NOT_FOUND");
    expect(await db.clientSecret.count({ where: { id: b.secret.id } })).toBe(1);
  });
});
