import { beforeAll, describe, expect, it } from "vitest";
import { createClient } from "@/lib/clients/create-client";
import { db } from "@/lib/db/prisma";
import { addClientSecret } from "@/lib/secrets/add-client-secret";
import { clientInput, createTestTenant, expectDomainError, signedJwtClientInput, tenantState, type TestTenant } from "@/lib/testing/fixtures";
import { ecKeyPair, fragmentsOf, legacyPrivatePem, rsaKeyPair, TEST_CERTIFICATE } from "@/lib/testing/test-keys";
import { addClientKey } from "./add-client-key";
import { deleteClientKey } from "./delete-client-key";
import { listClientKeys } from "./list-client-keys";

// The public keys of signed-JWT clients (private_key_jwt): what is stored, the limit of
// 10, duplicates, and the keys that must never be accepted.

const LIMIT_MESSAGE = /limit of 10 keys reached/i;

let tenant: TestTenant;

beforeAll(async () => {
  tenant = await createTestTenant("keys");
});

const newClient = (key = ecKeyPair().publicJwk()) => createClient(tenant.admin, signedJwtClientInput(key));

describe("a signed-JWT client's keys", () => {
  it("starts with the key it was created with, and has no secret", async () => {
    const client = await newClient();
    expect(client).toMatchObject({ securityType: "signed-jwt", tokenSigningAlg: "ES256", secret: null });
    expect(client.key).toMatchObject({ summary: "EC P-256", description: "first key", lastUsedAt: null, createdByLabel: tenant.admin.actor.label });
    expect(client.key.kid).toBe(client.key.thumbprint);
    expect(await db.clientSecret.count({ where: { clientId: client.id } })).toBe(0);
    expect(await listClientKeys(tenant.member, client.clientId)).toEqual([client.key]);
    const created = await db.auditEvent.findFirstOrThrow({ where: { tenantId: tenant.id, targetId: client.clientId, action: "client.create" } });
    expect(JSON.parse(created.details).after).toMatchObject({ securityType: "signed-jwt", tokenSigningAlg: "ES256" });
  });

  it("adds, lists (public facts only, oldest first) and deletes keys, each in the audit log", async () => {
    const client = await newClient();
    const rsa = rsaKeyPair();
    const added = await addClientKey(tenant.admin, client.clientId, { key: rsa.publicJwk({ kid: "rsa-2026" }), description: "rotation" });
    expect(added).toMatchObject({ kid: "rsa-2026", summary: "RSA 2048", alg: "RS256", description: "rotation" });

    const listed = await listClientKeys(tenant.admin, client.clientId);
    expect(listed.map((key) => key.id)).toEqual([client.key.id, added.id]);
    expect(listed.map((key) => key.alg)).toEqual(["ES256", "RS256"]);
    expect(Object.keys(listed[0]!).sort()).toEqual(["alg", "createdAt", "createdByLabel", "description", "id", "kid", "lastUsedAt", "summary", "thumbprint"]);
    // The stored JWK is the public key, ready for the token service.
    const row = await db.clientKey.findUniqueOrThrow({ where: { id: added.id } });
    expect(Object.keys(JSON.parse(row.jwk)).sort()).toEqual(["e", "kid", "kty", "n", "use"]);

    await deleteClientKey(tenant.admin, client.clientId, client.key.id);
    expect((await listClientKeys(tenant.admin, client.clientId)).map((key) => key.id)).toEqual([added.id]);

    const events = await db.auditEvent.findMany({ where: { tenantId: tenant.id, targetId: client.clientId, action: { startsWith: "key." } } });
    expect(events.map((e) => [e.action, JSON.parse(e.details)])).toEqual(
      expect.arrayContaining([
        ["key.create", { keyId: client.key.id, kid: client.key.kid, thumbprint: client.key.thumbprint, key: "EC P-256", description: "first key" }],
        ["key.create", { keyId: added.id, kid: "rsa-2026", thumbprint: added.thumbprint, key: "RSA 2048", description: "rotation" }],
        ["key.delete", { keyId: client.key.id, kid: client.key.kid, thumbprint: client.key.thumbprint, description: "first key" }],
      ]),
    );
    expect(events).toHaveLength(3);
  });

  it("accepts a certificate and a JWK Set of one key", async () => {
    const client = await newClient();
    expect((await addClientKey(tenant.admin, client.clientId, { key: TEST_CERTIFICATE })).summary).toBe("EC P-256");
    const jwks = JSON.stringify({ keys: [JSON.parse(ecKeyPair("P-384").publicJwk({ kid: "p384" }))] });
    expect(await addClientKey(tenant.admin, client.clientId, { key: jwks })).toMatchObject({ kid: "p384", summary: "EC P-384" });
  });

  it("answers NOT_FOUND for an unknown key or one of another client, and keeps it", async () => {
    const a = await newClient();
    const b = await newClient();
    const before = await tenantState(tenant.id);
    await expectDomainError(deleteClientKey(tenant.admin, a.clientId, "no-such-key"), "NOT_FOUND", { message: /Key not found/ });
    await expectDomainError(deleteClientKey(tenant.admin, a.clientId, b.key.id), "NOT_FOUND");
    expect(await tenantState(tenant.id)).toEqual(before);
  });

  it("belongs to signed-JWT clients only: secret clients have no keys, signed-JWT clients no secrets", async () => {
    const secretClient = await createClient(tenant.admin, clientInput());
    const keyClient = await newClient();
    const before = await tenantState(tenant.id);
    await expectDomainError(addClientKey(tenant.admin, secretClient.clientId, { key: ecKeyPair().publicPem }), "VALIDATION", {
      message: /Signed JWT security type/,
    });
    await expectDomainError(addClientSecret(tenant.admin, keyClient.clientId, { expires: "never" }), "VALIDATION", {
      message: /register a public key instead/,
    });
    expect(await tenantState(tenant.id)).toEqual(before);
  });
});

describe("keys that are refused", () => {
  it("the same key again, in another format, and another key under a kid already used", async () => {
    const ec = ecKeyPair();
    const client = await newClient(ec.publicJwk({ kid: "k1" }));
    const before = await tenantState(tenant.id);
    await expectDomainError(addClientKey(tenant.admin, client.clientId, { key: ec.publicPem }, "publicKey."), "CONFLICT", {
      field: "publicKey.key",
      message: /already registered/,
    });
    await expectDomainError(addClientKey(tenant.admin, client.clientId, { key: ecKeyPair().publicJwk({ kid: "k1" }) }), "CONFLICT", { message: /key id "k1"/ });
    expect(await tenantState(tenant.id)).toEqual(before);
    // Another client may hold the same public key: the uniqueness is per client.
    await newClient(ec.publicPem);
  });

  it.each([
    ["RSA under 2048 bits", () => rsaKeyPair(1024).publicPem, /at least 2048 bits/],
    ["a JWK Set with several keys", () => JSON.stringify({ keys: [JSON.parse(ecKeyPair().publicJwk()), JSON.parse(ecKeyPair().publicJwk())] }), /several keys/],
  ])("%s", async (_case, key, message) => {
    const client = await newClient();
    const before = await tenantState(tenant.id);
    await expectDomainError(addClientKey(tenant.admin, client.clientId, { key: key() }, "publicKey."), "VALIDATION", { field: "publicKey.key", message });
    await expectDomainError(newClient(key()), "VALIDATION", { field: "publicKey.key", message });
    expect(await tenantState(tenant.id)).toEqual(before);
  });

  const ec = ecKeyPair();
  const rsa = rsaKeyPair();
  it.each([
    ["PKCS#8 PEM", rsa.privatePem],
    ["PKCS#1 PEM", legacyPrivatePem(rsa.privateKey)],
    ["EC (SEC1) PEM", legacyPrivatePem(ec.privateKey)],
    ["JWK with d", ec.privateJwk],
  ])("a private key (%s), with a message that does not repeat it, saving nothing", async (_form, privateKey) => {
    const client = await newClient();
    const before = await tenantState(tenant.id);
    const refusals = [
      await expectDomainError(addClientKey(tenant.admin, client.clientId, { key: privateKey }, "publicKey."), "VALIDATION", { field: "publicKey.key" }),
      await expectDomainError(newClient(privateKey), "VALIDATION", { field: "publicKey.key" }),
    ];
    for (const error of refusals) {
      expect(error.message).toMatch(/This is a private key\. Paste only the public key/);
      for (const fragment of fragmentsOf(privateKey)) expect(error.message).not.toContain(fragment);
    }
    expect(await tenantState(tenant.id)).toEqual(before);
  });
});

describe("the limit of 10 keys per client", () => {
  it("refuses the 11th key with LIMIT, and allows one again once a key is deleted", async () => {
    const client = await newClient();
    for (let i = 1; i < 10; i++) await addClientKey(tenant.admin, client.clientId, { key: ecKeyPair().publicJwk() });
    await expectDomainError(addClientKey(tenant.admin, client.clientId, { key: ecKeyPair().publicJwk() }), "LIMIT", { message: LIMIT_MESSAGE });
    await deleteClientKey(tenant.admin, client.clientId, client.key.id);
    await addClientKey(tenant.admin, client.clientId, { key: ecKeyPair().publicJwk() });
    expect(await db.clientKey.count({ where: { clientId: client.id } })).toBe(10);
  });

  it("holds under 30 concurrent additions: exactly 10 keys in total, the rest refused with LIMIT", async () => {
    const client = await newClient();
    const keys = Array.from({ length: 30 }, () => ecKeyPair().publicJwk());
    const results = await Promise.allSettled(keys.map((key, i) => addClientKey(tenant.admin, client.clientId, { key, description: `concurrent ${i}` })));
    const rejected = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason as unknown);
    // Anything other than LIMIT (deadlock, busy database, timeout) is a failure too.
    for (const reason of rejected) expect(reason).toMatchObject({ name: "DomainError", code: "LIMIT", message: expect.stringMatching(LIMIT_MESSAGE) });
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(9);
    expect(rejected).toHaveLength(21);
    expect(await db.clientKey.count({ where: { clientId: client.id } })).toBe(10);
    expect(await db.auditEvent.count({ where: { tenantId: tenant.id, targetId: client.clientId, action: "key.create" } })).toBe(10);
  });
});
