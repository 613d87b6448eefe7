import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { MAX_STALENESS_MS } from "@/lib/oauth/client-cache";
import { flushCredentialUses } from "@/lib/oauth/record-credential-use";
import { addClientSecret } from "@/lib/secrets/add-client-secret";
import { hashSecret } from "@/lib/secrets/generate-secret";
import { clientInput, createTestTenant, expectDomainError, tenantState, type TestTenant } from "@/lib/testing/fixtures";
import { postToken } from "@/lib/testing/post-token";
import { startTokenService, type TestTokenService } from "@/lib/testing/start-token-service";
import { createClient } from "./create-client";
import { deleteClient } from "./delete-client";

let tenant: TestTenant;
let other: TestTenant;
let tokenService: TestTokenService;

beforeAll(async () => {
  [tenant, other] = await Promise.all([createTestTenant("delete-client"), createTestTenant("delete-client-other")]);
  tokenService = await startTokenService();
});

afterAll(async () => {
  await tokenService?.close();
});

async function tokenStatus(clientId: string, secret: string): Promise<number> {
  const { status } = await postToken(tokenService.issuer, { grant_type: "client_credentials" }, { basic: { clientId, secret } });
  // Write the secret's last use now, not on a timer in the middle of a later "nothing changed" check.
  await flushCredentialUses();
  return status;
}

describe("deleteClient", () => {
  it("removes the client with its secrets, roles and URLs, and audits it without secret material", async () => {
    const created = await createClient(tenant.admin, {
      type: "hybrid",
      name: "Doomed",
      redirectUris: ["https://d.example.com/cb"],
      secret: { expires: "never" },
    });
    const second = await addClientSecret(tenant.admin, created.clientId, { expires: "never" });
    const row = await db.client.findUniqueOrThrow({ where: { clientId: created.clientId } });

    expect(await deleteClient(tenant.admin, created.clientId.toUpperCase())).toEqual({ clientId: created.clientId, name: "Doomed", secretsDeleted: 2 });

    expect(await db.client.count({ where: { id: row.id } })).toBe(0);
    expect(await db.clientSecret.count({ where: { clientId: row.id } })).toBe(0);
    expect(await db.clientRole.count({ where: { clientId: row.id } })).toBe(0);
    expect(await db.clientUri.count({ where: { clientId: row.id } })).toBe(0);

    const event = await db.auditEvent.findFirstOrThrow({ where: { tenantId: tenant.id, action: "client.delete", targetId: created.clientId } });
    expect(event).toMatchObject({ actorId: tenant.adminUserId, targetType: "client", targetLabel: "Doomed" });
    expect(JSON.parse(event.details)).toEqual({ before: { name: "Doomed", type: "hybrid", clientId: created.clientId, secrets: 2 } });
    const auditText = JSON.stringify(await db.auditEvent.findMany({ where: { tenantId: tenant.id } }));
    for (const secret of [created.secret.plaintext, second.plaintext]) {
      expect(auditText).not.toContain(secret);
      expect(auditText).not.toContain(hashSecret(secret));
    }
  });

  it("makes its secrets stop working at the token endpoint within the cache's one second", async () => {
    const created = await createClient(tenant.admin, clientInput());
    expect(await tokenStatus(created.clientId, created.secret.plaintext)).toBe(200);

    await deleteClient(tenant.admin, created.clientId);
    await sleep(MAX_STALENESS_MS);
    expect(await tokenStatus(created.clientId, created.secret.plaintext)).toBe(401);
  });

  it("answers NOT_FOUND once the client is gone", async () => {
    const { clientId } = await createClient(tenant.admin, clientInput());
    await deleteClient(tenant.admin, clientId);
    await expectDomainError(deleteClient(tenant.admin, clientId), "NOT_FOUND");
  });

  it("leaves the tenant's other clients alone", async () => {
    const [doomed, kept] = await Promise.all([createClient(tenant.admin, clientInput()), createClient(tenant.admin, clientInput())]);
    await deleteClient(tenant.admin, doomed.clientId);
    expect(await tokenStatus(kept.clientId, kept.secret.plaintext)).toBe(200);
  });
});

describe("deleteClient refusals", () => {
  it("answers FORBIDDEN to a member and deletes nothing", async () => {
    const { clientId } = await createClient(tenant.admin, clientInput());
    const before = await tenantState(tenant.id);
    await expectDomainError(deleteClient(tenant.member, clientId), "FORBIDDEN");
    expect(await tenantState(tenant.id)).toEqual(before);
  });

  it("answers NOT_FOUND to an administrator of another tenant using the real client id, and deletes nothing", async () => {
    const created = await createClient(tenant.admin, clientInput());
    const [before, beforeOther] = await Promise.all([tenantState(tenant.id), tenantState(other.id)]);
    await expectDomainError(deleteClient(other.admin, created.clientId), "NOT_FOUND", { message: /Client not found/ });
    expect(await tenantState(tenant.id)).toEqual(before);
    expect(await tenantState(other.id)).toEqual(beforeOther);
    expect(await tokenStatus(created.clientId, created.secret.plaintext)).toBe(200);
  });
});
