// Client-credentials clients of the Signed JWT security type (seed 004): private_key_jwt
// (RFC 7523) against the real token service over HTTP, with openid-client signing the
// assertions as an application would. No secret exists for these clients at all.
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import { allowInsecureRequests, clientCredentialsGrant, Configuration, PrivateKeyJwt, type ServerMetadata } from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addClientKey } from "@/lib/client-keys/add-client-key";
import { deleteClientKey } from "@/lib/client-keys/delete-client-key";
import { listClientKeys } from "@/lib/client-keys/list-client-keys";
import { createClient } from "@/lib/clients/create-client";
import { captureOutput } from "@/lib/testing/capture-output";
import { createTestTenant, uniqueSuffix, type TestTenant } from "@/lib/testing/fixtures";
import { discoverServerMetadata, startTokenService, type TestTokenService } from "@/lib/testing/start-token-service";
import { MAX_STALENESS_MS } from "./client-cache";
import { HASHED_SECRET_PLACEHOLDER } from "./find-oauth-client";
import { flushCredentialUses } from "./record-credential-use";
import { postToken } from "@/lib/testing/post-token";

let service: TestTokenService;
let metadata: ServerMetadata;
let tenant: TestTenant;

beforeAll(async () => {
  service = await startTokenService();
  tenant = await createTestTenant("signed-jwt");
  metadata = await discoverServerMetadata(service.issuer);
});

afterAll(async () => {
  await service?.close();
});

type KeyPair = { privateKey: CryptoKey; publicKey: CryptoKey; kid: string };

async function keyPair(): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  return { privateKey, publicKey, kid: `key-${uniqueSuffix()}` };
}

/** A signed-JWT client whose first key is given as a JWK with our kid. */
async function signedJwtClient(key: KeyPair) {
  const jwk = { ...(await exportJWK(key.publicKey)), kid: key.kid };
  return createClient(tenant.admin, {
    type: "client-credentials",
    name: `Device ${uniqueSuffix()}`,
    securityType: "signed-jwt",
    publicKey: { key: JSON.stringify(jwk), description: "first" },
    tokenLifetime: 120,
  });
}

function app(clientId: string, key: KeyPair): Configuration {
  const config = new Configuration(metadata, clientId, undefined, PrivateKeyJwt({ key: key.privateKey, kid: key.kid }));
  allowInsecureRequests(config);
  return config;
}

/** A client assertion made by hand, for the cases a well-behaved library would never send. */
async function assertion(clientId: string, key: KeyPair, claims: { aud?: string; expiresIn?: number; jti?: string; issuedIn?: number } = {}): Promise<string> {
  return new SignJWT({ jti: claims.jti ?? randomUUID() })
    .setProtectedHeader({ alg: "ES256", kid: key.kid })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(claims.aud ?? metadata.token_endpoint!)
    .setIssuedAt(Math.floor(Date.now() / 1000) + (claims.issuedIn ?? 0))
    .setExpirationTime(Math.floor(Date.now() / 1000) + (claims.expiresIn ?? 60))
    .sign(key.privateKey);
}

function tokenRequest(clientId: string, clientAssertion: string) {
  return postToken(service.issuer, {
    grant_type: "client_credentials",
    client_id: clientId,
    client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    client_assertion: clientAssertion,
  });
}

describe("private_key_jwt", () => {
  it("issues a token for an assertion signed with the registered key, and records the key's last use", async () => {
    const key = await keyPair();
    const client = await signedJwtClient(key);
    expect(client.secret).toBeNull();
    const tokens = await clientCredentialsGrant(app(client.clientId, key));
    expect(tokens.expires_in).toBe(120);
    const claims = JSON.parse(Buffer.from(tokens.access_token.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ sub: client.clientId, client_id: client.clientId, tenant: tenant.slug, roles: ["Account Member"] });

    await flushCredentialUses();
    const [registered] = await listClientKeys(tenant.admin, client.clientId);
    expect(registered!.lastUsedAt).toBeInstanceOf(Date);
  });

  it("refuses a replayed assertion (the same jti twice) with invalid_client, and logs neither", async () => {
    const key = await keyPair();
    const client = await signedJwtClient(key);
    const output = captureOutput();
    const once = await assertion(client.clientId, key);
    expect((await tokenRequest(client.clientId, once)).status).toBe(200);
    expect(await tokenRequest(client.clientId, once)).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    output.stop();
    expect(output.text()).not.toContain(once.split(".")[2]);
  });

  it("keeps assertion ids apart per client: another client's jti is no replay", async () => {
    const [a, b] = [await keyPair(), await keyPair()];
    const [first, second] = [await signedJwtClient(a), await signedJwtClient(b)];
    const jti = "counter-0001";
    expect((await tokenRequest(first.clientId, await assertion(first.clientId, a, { jti }))).status).toBe(200);
    expect((await tokenRequest(second.clientId, await assertion(second.clientId, b, { jti }))).status).toBe(200);
  });

  it("accepts exactly one of many concurrent uses of one assertion", async () => {
    const key = await keyPair();
    const client = await signedJwtClient(key);
    const once = await assertion(client.clientId, key);
    const statuses = await Promise.all(Array.from({ length: 8 }, () => tokenRequest(client.clientId, once).then((r) => r.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 401)).toHaveLength(7);
  });

  it("refuses assertions signed by another key, for another audience, or valid for too long", async () => {
    const key = await keyPair();
    const client = await signedJwtClient(key);
    const stranger = { ...(await keyPair()), kid: key.kid };
    expect(await tokenRequest(client.clientId, await assertion(client.clientId, stranger))).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    expect(await tokenRequest(client.clientId, await assertion(client.clientId, key, { aud: "https://elsewhere.example.com/token" }))).toMatchObject({
      status: 401,
    });
    expect(await tokenRequest(client.clientId, await assertion(client.clientId, key, { expiresIn: 3600 }))).toMatchObject({
      status: 401,
      body: { error: "invalid_client" },
    });
    const hmac = await new SignJWT({ jti: randomUUID() })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer(client.clientId)
      .setSubject(client.clientId)
      .setAudience(metadata.token_endpoint!)
      .setIssuedAt()
      .setExpirationTime("1m")
      .sign(new TextEncoder().encode("a shared secret nobody has"));
    expect(await tokenRequest(client.clientId, hmac)).toMatchObject({ status: 401, body: { error: "invalid_client" } });
  });

  it("refuses an assertion issued more than 60 seconds in the future, and accepts small clock skew", async () => {
    const key = await keyPair();
    const client = await signedJwtClient(key);
    const future = await tokenRequest(client.clientId, await assertion(client.clientId, key, { issuedIn: 120, expiresIn: 300 }));
    expect(future).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    expect(await tokenRequest(client.clientId, await assertion(client.clientId, key, { issuedIn: 30, expiresIn: 120 }))).toMatchObject({ status: 200 });
  });

  it("refuses client secrets for a signed-JWT client", async () => {
    const client = await signedJwtClient(await keyPair());
    const answer = await postToken(
      service.issuer,
      { grant_type: "client_credentials" },
      { basic: { clientId: client.clientId, secret: HASHED_SECRET_PLACEHOLDER } },
    );
    expect(answer).toMatchObject({ status: 401, body: { error: "invalid_client" } });
  });

  it("rotates keys: a second key (PEM) works and a deleted key stops, each within the cache's second", async () => {
    const first = await keyPair();
    const client = await signedJwtClient(first);
    const second = await keyPair();
    await addClientKey(tenant.admin, client.clientId, { key: await exportSPKI(second.publicKey), description: "second" });
    await sleep(MAX_STALENESS_MS);
    // A PEM key has no kid of its own: it is registered under its thumbprint.
    const [, registeredSecond] = await listClientKeys(tenant.admin, client.clientId);
    const secondWithKid = { ...second, kid: registeredSecond!.kid };
    expect((await clientCredentialsGrant(app(client.clientId, secondWithKid))).access_token).toBeTruthy();

    const [registeredFirst] = await listClientKeys(tenant.admin, client.clientId);
    await deleteClientKey(tenant.admin, client.clientId, registeredFirst!.id);
    await sleep(MAX_STALENESS_MS);
    await expect(clientCredentialsGrant(app(client.clientId, first))).rejects.toMatchObject({ status: 401, error: "invalid_client" });
    expect((await clientCredentialsGrant(app(client.clientId, secondWithKid))).access_token).toBeTruthy();
  });
});
