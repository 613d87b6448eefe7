// The token service as a real OAuth client sees it: a real HTTP server, openid-client for
// discovery and the client-credentials grant, jose for checking the tokens.
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, SignJWT, type JWTPayload } from "jose";
import {
  allowInsecureRequests,
  ClientSecretBasic,
  ClientSecretPost,
  clientCredentialsGrant,
  Configuration,
  customFetch,
  discovery,
  ResponseBodyError,
  WWWAuthenticateChallengeError,
  type ServerMetadata,
} from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type CreatedConfidentialClient } from "@/lib/clients/create-client";
import { listClients } from "@/lib/clients/list-clients";
import { db } from "@/lib/db/prisma";
import { addClientSecret } from "@/lib/secrets/add-client-secret";
import { deleteClientSecret } from "@/lib/secrets/delete-client-secret";
import { listClientSecrets } from "@/lib/secrets/list-client-secrets";
import { clientInput, createTestTenant, type TestTenant } from "@/lib/testing/fixtures";
import { startTokenService, type TestTokenService } from "@/lib/testing/start-token-service";
import { clearClientCache, MAX_STALENESS_MS } from "./client-cache";
import { HASHED_SECRET_PLACEHOLDER } from "./find-oauth-client";
import { flushCredentialUses, recordCredentialUse } from "./record-credential-use";
import { postToken } from "@/lib/testing/post-token";

let tokenService: TestTokenService;
let baseUrl: string;
let issuer: string;
let metadata: ServerMetadata;
let tenant: TestTenant;
let client: CreatedConfidentialClient;

beforeAll(async () => {
  tokenService = await startTokenService();
  ({ baseUrl, issuer } = tokenService);

  tenant = await createTestTenant("token");
  client = await createClient(tenant.admin, clientInput({ tokenLifetime: 120, roleIds: [tenant.roleIds.administrator] }));
  // The one real discovery; other configurations reuse its metadata.
  const discovered = await discovery(new URL(issuer), client.clientId, client.secret.plaintext, ClientSecretBasic(client.secret.plaintext), {
    execute: [allowInsecureRequests],
  });
  metadata = discovered.serverMetadata();
});

afterAll(async () => {
  await tokenService?.close();
});

type Auth = "basic" | "post";

/** An openid-client configuration for one secret, recording how it authenticated. */
function oauthClient(clientId: string, secret: string, auth: Auth = "basic") {
  const config = new Configuration(metadata, clientId, secret, auth === "basic" ? ClientSecretBasic(secret) : ClientSecretPost(secret));
  allowInsecureRequests(config);
  const sent: { authorization: string | null; body: string }[] = [];
  // Pass-through to the real fetch, only noting what was sent.
  config[customFetch] = (url, options) => {
    sent.push({ authorization: new Headers(options.headers).get("authorization"), body: String(options.body ?? "") });
    // openid-client's body type admits a Uint8Array that DOM's RequestInit typing does not.
    return fetch(url, options as RequestInit);
  };
  return { config, sent };
}

async function tokenFor(clientId: string, secret: string, auth: Auth = "basic"): Promise<string> {
  const { config } = oauthClient(clientId, secret, auth);
  return (await clientCredentialsGrant(config)).access_token;
}

async function expectInvalidClient(clientId: string, secret: string, auth: Auth = "basic"): Promise<void> {
  const { config } = oauthClient(clientId, secret, auth);
  const error = await clientCredentialsGrant(config).then(
    () => {
      throw new Error("expected invalid_client, but a token was issued");
    },
    (e: unknown) => e,
  );
  // With Basic auth the 401 carries a WWW-Authenticate challenge (RFC 6749 5.2), which
  // openid-client reports as its own error type; without it, as the JSON body's error.
  if (auth === "basic") {
    expect(error).toBeInstanceOf(WWWAuthenticateChallengeError);
    const challenge = error as WWWAuthenticateChallengeError;
    expect(challenge.status).toBe(401);
    expect(challenge.cause[0]).toMatchObject({ scheme: "basic", parameters: { error: "invalid_client" } });
    expect(await challenge.response.json()).toMatchObject({ error: "invalid_client" });
  } else {
    expect(error).toBeInstanceOf(ResponseBodyError);
    expect(error).toMatchObject({ status: 401, error: "invalid_client" });
  }
}

async function verifyAccessToken(token: string): Promise<JWTPayload> {
  const jwks = createRemoteJWKSet(new URL(metadata.jwks_uri!));
  const { payload, protectedHeader } = await jwtVerify(token, jwks, {
    issuer,
    audience: `${baseUrl}/api`,
    typ: "at+jwt",
    algorithms: ["ES256"],
  });
  expect(protectedHeader).toMatchObject({ alg: "ES256", typ: "at+jwt" });
  return payload;
}

describe("discovery", () => {
  it("publishes the issuer, the token endpoint and the signing keys under /identity", async () => {
    expect(metadata.issuer).toBe(`${baseUrl}/identity`);
    expect(metadata.token_endpoint).toBe(`${baseUrl}/identity/token`);
    expect(metadata.jwks_uri).toMatch(new RegExp(`^${baseUrl}/identity/`));
    const jwks = (await (await fetch(metadata.jwks_uri!)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys.length).toBeGreaterThan(0);
    // Public keys only.
    for (const key of jwks.keys) expect(key).not.toHaveProperty("d");
  });
});

describe("client_credentials grant", () => {
  it.each(["basic", "post"] as const)("issues a signed access token with client_secret_%s", async (auth) => {
    const { config, sent } = oauthClient(client.clientId, client.secret.plaintext, auth);
    const response = await clientCredentialsGrant(config);
    // The secret really travelled the way the test names.
    expect(sent).toHaveLength(1);
    if (auth === "basic") {
      expect(sent[0]!.authorization).toMatch(/^Basic /);
      expect(sent[0]!.body).not.toContain("client_secret");
    } else {
      expect(sent[0]!.authorization).toBeNull();
      expect(new URLSearchParams(sent[0]!.body).get("client_secret")).toBe(client.secret.plaintext);
    }
    expect(response.token_type.toLowerCase()).toBe("bearer");
    expect(response.expires_in).toBe(120);

    const claims = await verifyAccessToken(response.access_token);
    expect(claims).toMatchObject({
      sub: client.clientId,
      client_id: client.clientId,
      tenant: tenant.slug,
      tenant_id: tenant.id,
      roles: ["Account Administrator", "Account Member"],
    });
    expect(claims.exp! - claims.iat!).toBe(120);
    expect(claims.jti).toEqual(expect.any(String));
    expect(claims.jti!.length).toBeGreaterThan(10);
  });

  it("gives every token its own jti and the client's lifetime (default client: 3600 s)", async () => {
    const plain = await createClient(tenant.admin, clientInput());
    const [first, second] = await Promise.all([tokenFor(plain.clientId, plain.secret.plaintext), tokenFor(plain.clientId, plain.secret.plaintext)]);
    const [a, b] = await Promise.all([verifyAccessToken(first), verifyAccessToken(second)]);
    expect(a.jti).not.toBe(b.jti);
    expect(a.exp! - a.iat!).toBe(3600);
    expect(a.roles).toEqual(["Account Member"]);
  });

  // Clients of one kind share one validated Client template (client-instance.ts): each
  // token still names its own client, lifetime and tenant.
  it("gives clients of one kind each its own id, name and lifetime in their tokens", async () => {
    const short = await createClient(tenant.admin, clientInput({ tokenLifetime: 600 }));
    const long = await createClient(tenant.admin, clientInput({ tokenLifetime: 1800 }));
    for (const [made, lifetime] of [
      [short, 600],
      [long, 1800],
      [short, 600],
    ] as const) {
      const claims = await verifyAccessToken(await tokenFor(made.clientId, made.secret.plaintext));
      expect(claims).toMatchObject({ client_id: made.clientId, tenant: tenant.slug });
      expect(claims.exp! - claims.iat!).toBe(lifetime);
    }
  });

  it("rejects the token once its signature is tampered with", async () => {
    const token = await tokenFor(client.clientId, client.secret.plaintext);
    const [header, payload, signature] = token.split(".");
    const flipped = signature!.startsWith("A") ? `B${signature!.slice(1)}` : `A${signature!.slice(1)}`;
    expect(decodeProtectedHeader(token).alg).toBe("ES256");
    await expect(verifyAccessToken(`${header}.${payload}.${flipped}`)).rejects.toThrow();
  });

  it("answers invalid_client (401) for a wrong secret, by either method", async () => {
    await expectInvalidClient(client.clientId, `${client.secret.plaintext.slice(0, -1)}x`, "basic");
    await expectInvalidClient(client.clientId, "lk_wrong", "post");
    await expectInvalidClient(client.clientId, client.secret.hint, "basic");
  });

  it("answers invalid_client for an unknown client id", async () => {
    await expectInvalidClient("00000000-0000-4000-8000-000000000000", client.secret.plaintext);
  });

  it("answers invalid_client for an expired secret", async () => {
    const expiring = await createClient(tenant.admin, clientInput());
    expect(await tokenFor(expiring.clientId, expiring.secret.plaintext)).toEqual(expect.any(String));
    // The domain refuses past dates, so expire it directly in the database, behind the
    // domain's back (no tenant change to notice): the cache must not need one, the expiry
    // time is checked on every request.
    await db.clientSecret.update({ where: { id: expiring.secret.id }, data: { expiresAt: new Date(Date.now() + 1_500) } });
    clearClientCache();
    expect(await tokenFor(expiring.clientId, expiring.secret.plaintext)).toEqual(expect.any(String));
    await sleep(1_600);
    await expectInvalidClient(expiring.clientId, expiring.secret.plaintext);
  });

  it("answers invalid_client for a deleted secret within the cache's second, while another secret keeps working", async () => {
    const rotating = await createClient(tenant.admin, clientInput());
    const second = await addClientSecret(tenant.admin, rotating.clientId, { description: "second", expires: "never" });
    // Any non-expired secret of the client authenticates.
    expect(await tokenFor(rotating.clientId, rotating.secret.plaintext)).toEqual(expect.any(String));
    expect(await tokenFor(rotating.clientId, second.plaintext, "post")).toEqual(expect.any(String));

    await deleteClientSecret(tenant.admin, rotating.clientId, rotating.secret.id);
    await sleep(MAX_STALENESS_MS);
    await expectInvalidClient(rotating.clientId, rotating.secret.plaintext);
    await expectInvalidClient(rotating.clientId, rotating.secret.plaintext, "post");
    const claims = await verifyAccessToken(await tokenFor(rotating.clientId, second.plaintext));
    expect(claims.client_id).toBe(rotating.clientId);
  });

  // Alike clients (same tenant, environment, roles, lifetime) share one cached metadata object
  // and one oidc-provider template (client-cache.ts, client-instance.ts): each must stay itself.
  it("keeps two alike cached clients apart: own id and name, own secrets, a deleted secret of one leaves the other working", async () => {
    const [left, right] = [
      await createClient(tenant.admin, clientInput({ name: "Twin left" })),
      await createClient(tenant.admin, clientInput({ name: "Twin right" })),
    ];
    await sleep(MAX_STALENESS_MS); // both creations seen: the lookups below are cached
    for (const twin of [left, right, left, right])
      expect((await verifyAccessToken(await tokenFor(twin.clientId, twin.secret.plaintext))).client_id).toBe(twin.clientId);
    await expectInvalidClient(left.clientId, right.secret.plaintext);
    await expectInvalidClient(right.clientId, left.secret.plaintext);

    await deleteClientSecret(tenant.admin, left.clientId, left.secret.id);
    await sleep(MAX_STALENESS_MS);
    await expectInvalidClient(left.clientId, left.secret.plaintext);
    expect((await verifyAccessToken(await tokenFor(right.clientId, right.secret.plaintext))).client_id).toBe(right.clientId);
  });

  it("does not let one client's secret authenticate another client", async () => {
    const other = await createClient(tenant.admin, clientInput());
    await expectInvalidClient(other.clientId, client.secret.plaintext);
  });

  // oidc-provider is given a fixed placeholder as every client's client_secret; its own
  // comparison (or an HMAC keyed by it) would accept that placeholder for any client.
  it("does not accept the placeholder the provider holds as a secret", async () => {
    await expectInvalidClient(client.clientId, HASHED_SECRET_PLACEHOLDER, "basic");
    await expectInvalidClient(client.clientId, HASHED_SECRET_PLACEHOLDER, "post");
  });

  it("refuses client_secret_jwt keyed by the placeholder", async () => {
    const assertion = await new SignJWT({ jti: randomUUID() })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer(client.clientId)
      .setSubject(client.clientId)
      .setAudience(metadata.token_endpoint!)
      .setIssuedAt()
      .setExpirationTime("1m")
      .sign(new TextEncoder().encode(HASHED_SECRET_PLACEHOLDER));
    const response = await fetch(metadata.token_endpoint!, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: client.clientId,
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: assertion,
      }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "invalid_client" });
  });

  it("answers unsupported_grant_type (400) for the password grant", async () => {
    const answer = await postToken(
      issuer,
      { grant_type: "password", username: "alice", password: "secret" },
      { basic: { clientId: client.clientId, secret: client.secret.plaintext } },
    );
    expect(answer).toMatchObject({ status: 400, body: { error: "unsupported_grant_type" } });
  });

  it("answers unauthorized_client (400) for the grants of the other client types", async () => {
    const bodies: Record<string, string>[] = [
      { grant_type: "authorization_code", code: "x", redirect_uri: "https://app.example.com/cb" },
      { grant_type: "refresh_token", refresh_token: "x" },
    ];
    for (const body of bodies) {
      const answer = await postToken(issuer, body, { basic: { clientId: client.clientId, secret: client.secret.plaintext } });
      expect(answer).toMatchObject({ status: 400, body: { error: "unauthorized_client" } });
    }
  });

  it("sends no one to sign in for a client-credentials client: the authorization endpoint refuses it", async () => {
    const url = new URL(metadata.authorization_endpoint!);
    url.search = new URLSearchParams({
      client_id: client.clientId,
      response_type: "code",
      scope: "openid",
      redirect_uri: "https://app.example.com/cb",
    }).toString();
    const response = await fetch(url, { redirect: "manual" });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
  });
});

describe("last use of a secret", () => {
  // The timer's flush writes in chunks and yields between them; the shutdown's flush must
  // wait for it and for what came since, or the process exits with uses unwritten.
  it("is written in full by a flush called while another is still writing", async () => {
    const used = await createClient(tenant.admin, clientInput());
    for (let i = 0; i < 120; i++) recordCredentialUse("secret", randomUUID(), new Date());
    recordCredentialUse("secret", used.secret.id, new Date());
    const running = flushCredentialUses();
    await flushCredentialUses();
    const row = await db.clientSecret.findUniqueOrThrow({ where: { id: used.secret.id } });
    expect(row.lastUsedAt).toBeInstanceOf(Date);
    await running;
  });

  it("only ever moves forward: a later time another process wrote stays, an earlier one is replaced", async () => {
    const used = await createClient(tenant.admin, clientInput());
    const stored = async () => (await db.clientSecret.findUniqueOrThrow({ where: { id: used.secret.id } })).lastUsedAt?.getTime();
    const later = new Date(Date.now() + 60_000);
    await db.clientSecret.update({ where: { id: used.secret.id }, data: { lastUsedAt: later } });
    recordCredentialUse("secret", used.secret.id, new Date());
    await flushCredentialUses();
    expect(await stored()).toBe(later.getTime());

    await db.clientSecret.update({ where: { id: used.secret.id }, data: { lastUsedAt: new Date(Date.now() - 60_000) } });
    const usedAt = new Date();
    recordCredentialUse("secret", used.secret.id, usedAt);
    await flushCredentialUses();
    expect(await stored()).toBeGreaterThanOrEqual(usedAt.getTime());
    expect(await stored()).toBeLessThan(later.getTime());
  });

  it("is recorded once uses are flushed, for the secret that was used only", async () => {
    const used = await createClient(tenant.admin, clientInput());
    const unused = await addClientSecret(tenant.admin, used.clientId, { expires: "never" });
    const before = Date.now();
    await tokenFor(used.clientId, used.secret.plaintext);
    await flushCredentialUses();
    const after = Date.now();

    const rows = await db.clientSecret.findMany({ where: { id: { in: [used.secret.id, unused.id] } } });
    const lastUsed = rows.find((r) => r.id === used.secret.id)!.lastUsedAt;
    expect(lastUsed).toBeInstanceOf(Date);
    expect(lastUsed!.getTime()).toBeGreaterThanOrEqual(before);
    expect(lastUsed!.getTime()).toBeLessThanOrEqual(after);
    expect(rows.find((r) => r.id === unused.id)!.lastUsedAt).toBeNull();

    // The portal's views show it too.
    const listed = await listClientSecrets(tenant.admin, used.clientId);
    expect(listed.find((s) => s.id === used.secret.id)?.lastUsedAt?.getTime()).toBe(lastUsed!.getTime());
    expect((await listClients(tenant.admin)).clients.find((c) => c.clientId === used.clientId)?.lastUsedAt?.getTime()).toBe(lastUsed!.getTime());
  });
});
