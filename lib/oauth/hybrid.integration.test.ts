// Hybrid clients (server-side web apps) against the real token service over HTTP, with
// openid-client as the application: "code id_token" and "code", a client secret, refresh
// tokens only when the client allows them, rotated on every use, and a reused refresh
// token revoking its whole family.
import {
  allowInsecureRequests,
  authorizationCodeGrant,
  buildAuthorizationUrl,
  calculatePKCECodeChallenge,
  ClientSecretBasic,
  Configuration,
  randomNonce,
  randomPKCECodeVerifier,
  fetchUserInfo,
  refreshTokenGrant,
  tokenIntrospection,
  useCodeIdTokenResponseType,
  type ServerMetadata,
} from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type CreatedConfidentialClient } from "@/lib/clients/create-client";
import { updateClient } from "@/lib/clients/update-client";
import { captureOutput } from "@/lib/testing/capture-output";
import { createTestTenant, uniqueSuffix, type TestTenant } from "@/lib/testing/fixtures";
import { discoverServerMetadata, startTokenService, type TestTokenService } from "@/lib/testing/start-token-service";
import { TestBrowser } from "@/lib/testing/test-browser";
import { addTenantUser } from "@/lib/users/add-tenant-user";
import { removeMember } from "@/lib/users/remove-member";
import { db } from "@/lib/db/prisma";
import { MAX_STALENESS_MS } from "./client-cache";
import { postToken } from "@/lib/testing/post-token";

const REDIRECT = "https://web.example.com/signin-oidc";
let service: TestTokenService;
let metadata: ServerMetadata;
let tenant: TestTenant;

beforeAll(async () => {
  service = await startTokenService();
  tenant = await createTestTenant("hybrid");
  metadata = await discoverServerMetadata(service.issuer);
});

afterAll(async () => {
  await service?.close();
});

async function hybridClient(allowRefreshToken: boolean): Promise<CreatedConfidentialClient> {
  return createClient(tenant.admin, {
    type: "hybrid",
    name: `Web ${uniqueSuffix()}`,
    redirectUris: [REDIRECT],
    postLogoutRedirectUris: [],
    allowRefreshToken,
    tokenLifetime: 600,
    secret: { expires: "never" },
  });
}

function app(client: CreatedConfidentialClient, secret = client.secret.plaintext): Configuration {
  const config = new Configuration(metadata, client.clientId, secret, ClientSecretBasic(secret));
  allowInsecureRequests(config);
  return config;
}

async function signedInBrowser(userId = tenant.adminUserId, email = tenant.admin.actor.label) {
  const browser = new TestBrowser(service.baseUrl);
  await browser.signIn({ userId, email });
  return browser;
}

/** The "code" flow with PKCE, as a server-side app runs it; returns the token response. */
async function signIn(client: CreatedConfidentialClient, browser?: TestBrowser) {
  const config = app(client);
  const verifier = randomPKCECodeVerifier();
  const url = buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope: "openid email",
    code_challenge: await calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state: "st",
  });
  const back = await (browser ?? (await signedInBrowser())).open(url);
  return { back, verifier, tokens: await authorizationCodeGrant(config, back.url, { pkceCodeVerifier: verifier, expectedState: "st" }) };
}

describe("hybrid sign-in", () => {
  it('answers response_type "code id_token" with an ID token in the fragment and a code for the secret', async () => {
    const client = await hybridClient(false);
    const config = app(client);
    useCodeIdTokenResponseType(config);
    const nonce = randomNonce();
    const url = buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: "openid email", nonce, state: "st" });
    expect(url.searchParams.get("response_type")).toBe("code id_token");
    const back = await (await signedInBrowser()).open(url);
    const fragment = new URLSearchParams(back.url.hash.slice(1));
    expect(fragment.get("id_token")).toBeTruthy();
    expect(fragment.get("code")).toBeTruthy();

    const tokens = await authorizationCodeGrant(config, back.url, { expectedNonce: nonce, expectedState: "st" });
    expect(tokens.claims()).toMatchObject({ sub: tenant.adminUserId, nonce, aud: client.clientId });
    expect(tokens.refresh_token).toBeUndefined();
    expect(tokens.expires_in).toBe(600);
  });

  it('carries iss in every authorization response (RFC 9207), also "code id_token" by form_post', async () => {
    const client = await hybridClient(false);
    const config = app(client);
    useCodeIdTokenResponseType(config);
    const nonce = randomNonce();
    const browser = await signedInBrowser();
    const fragment = await browser.open(buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: "openid", nonce, state: "st" }));
    expect(new URLSearchParams(fragment.url.hash.slice(1)).get("iss")).toBe(service.issuer);

    const url = buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: "openid", nonce, state: "st", response_mode: "form_post" });
    const { response } = await browser.open(url);
    expect(response.status).toBe(200);
    const html = await response.text();
    const fields = Object.fromEntries([...html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"/g)].map(([, name, value]) => [name!, value!]));
    expect(Object.keys(fields).sort()).toEqual(["code", "id_token", "iss", "state"]);
    expect(fields.iss).toBe(service.issuer);
    // The application reads the POST as openid-client does, which checks iss when present.
    const posted = new Request(REDIRECT, {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    const tokens = await authorizationCodeGrant(config, posted, { expectedNonce: nonce, expectedState: "st" });
    expect(tokens.claims()).toMatchObject({ sub: tenant.adminUserId, nonce });
    // A forged issuer is refused by the application.
    const forged = new Request(REDIRECT, {
      method: "POST",
      body: new URLSearchParams({ ...fields, iss: "https://evil.example.com" }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    const refused = await authorizationCodeGrant(config, forged, { expectedNonce: nonce, expectedState: "st" }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "OAUTH_INVALID_RESPONSE", cause: { message: expect.stringMatching(/"iss" \(issuer\)/) } });
  });

  it('answers response_type "code" and refuses the code without the client\'s secret', async () => {
    const client = await hybridClient(false);
    const { tokens } = await signIn(client);
    expect(tokens.access_token).toBeTruthy();

    const config = app(client, "lk_not-the-secret");
    const verifier = randomPKCECodeVerifier();
    const url = buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: "openid",
      code_challenge: await calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state: "st",
    });
    const back = await (await signedInBrowser()).open(url);
    const error = await authorizationCodeGrant(config, back.url, { pkceCodeVerifier: verifier, expectedState: "st" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401 });
  });

  it("gives no refresh token unless the client allows refresh tokens", async () => {
    const client = await hybridClient(false);
    expect((await signIn(client)).tokens.refresh_token).toBeUndefined();
    const refresh = await postToken(
      service.issuer,
      { grant_type: "refresh_token", refresh_token: "anything" },
      { basic: { clientId: client.clientId, secret: client.secret.plaintext } },
    );
    expect(refresh).toMatchObject({ status: 400, body: { error: "unauthorized_client" } });
  });
});

describe("token signing", () => {
  it("signs ID and access tokens with RS256 for a client that asks for it", async () => {
    const client = await createClient(tenant.admin, {
      type: "hybrid",
      name: `Legacy web ${uniqueSuffix()}`,
      redirectUris: [REDIRECT],
      tokenSigningAlg: "RS256",
      secret: { expires: "never" },
    });
    const { tokens } = await signIn(client);
    for (const jwt of [tokens.id_token!, tokens.access_token]) expect(JSON.parse(Buffer.from(jwt.split(".")[0]!, "base64url").toString()).alg).toBe("RS256");
  });
});

describe("refresh tokens", () => {
  it("rotate on every use, and a spent one revokes the whole family (with no token in any log)", async () => {
    const client = await hybridClient(true);
    const config = app(client);
    const output = captureOutput();
    const { tokens } = await signIn(client);
    const first = tokens.refresh_token!;
    expect(first).toBeTruthy();

    const second = await refreshTokenGrant(config, first);
    expect(second.refresh_token).toBeTruthy();
    expect(second.refresh_token).not.toBe(first);
    const third = await refreshTokenGrant(config, second.refresh_token!);
    expect((await tokenIntrospection(config, third.refresh_token!)).active).toBe(true);

    expect((await tokenIntrospection(config, third.access_token)).active).toBe(true);
    expect((await fetchUserInfo(config, third.access_token, tenant.adminUserId)).sub).toBe(tenant.adminUserId);

    // Replaying the first (spent) token: refused, and the live one dies with it, with every
    // access token issued in the family.
    await expect(refreshTokenGrant(config, first)).rejects.toMatchObject({ status: 400, error: "invalid_grant" });
    expect((await tokenIntrospection(config, third.refresh_token!)).active).toBe(false);
    for (const accessToken of [tokens.access_token, second.access_token, third.access_token]) {
      expect(await tokenIntrospection(config, accessToken)).toEqual({ active: false });
      await expect(fetchUserInfo(config, accessToken, tenant.adminUserId)).rejects.toMatchObject({ status: 401 });
    }
    await expect(refreshTokenGrant(config, third.refresh_token!)).rejects.toMatchObject({ error: "invalid_grant" });
    output.stop();
    for (const token of [first, second.refresh_token!, third.refresh_token!, client.secret.plaintext]) expect(output.text()).not.toContain(token);
  });

  it("give exactly one of two concurrent uses of the same token a new token, and revoke the family", async () => {
    const client = await hybridClient(true);
    const config = app(client);
    const { tokens } = await signIn(client);
    const results = await Promise.allSettled([refreshTokenGrant(config, tokens.refresh_token!), refreshTokenGrant(config, tokens.refresh_token!)]);
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won.length).toBeLessThanOrEqual(1);
    expect(results.filter((r) => r.status === "rejected").length).toBeGreaterThanOrEqual(1);
    // Whatever won was revoked by the replay.
    for (const r of won) await expect(refreshTokenGrant(config, r.value.refresh_token!)).rejects.toMatchObject({ error: "invalid_grant" });
  });

  it("stop when a second redemption of the code revokes what the first issued", async () => {
    const client = await hybridClient(true);
    const config = app(client);
    const { back, verifier, tokens } = await signIn(client);
    await expect(authorizationCodeGrant(config, back.url, { pkceCodeVerifier: verifier, expectedState: "st" })).rejects.toMatchObject({
      error: "invalid_grant",
    });
    await expect(refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: "invalid_grant" });
    expect(await tokenIntrospection(config, tokens.access_token)).toEqual({ active: false });
    await expect(fetchUserInfo(config, tokens.access_token, tenant.adminUserId)).rejects.toMatchObject({ status: 401 });
  });

  it("stop working for a person removed from the tenant, and when the client no longer allows them", async () => {
    const client = await hybridClient(true);
    const config = app(client);
    const email = `leaver-${uniqueSuffix()}@example.com`;
    const { userId } = await addTenantUser(tenant.admin, { email, roleIds: [] });
    const leaver = await signIn(client, await signedInBrowser(userId, email));
    const stayer = await signIn(client);
    await removeMember(tenant.admin, { userId });
    await expect(refreshTokenGrant(config, leaver.tokens.refresh_token!)).rejects.toMatchObject({ error: "invalid_grant" });

    await updateClient(tenant.admin, { type: "hybrid", clientId: client.clientId, allowRefreshToken: false });
    await new Promise((resolve) => setTimeout(resolve, MAX_STALENESS_MS));
    await expect(refreshTokenGrant(config, stayer.tokens.refresh_token!)).rejects.toMatchObject({ error: "unauthorized_client" });
  });

  it("outlive the sign-in session they came from (it lasts 8 hours; they last 14 days unused)", async () => {
    const client = await hybridClient(true);
    const { tokens } = await signIn(client);
    // As when the token service's session has expired: its records are gone.
    await db.oidcRecord.deleteMany({ where: { model: "Session" } });
    const refreshed = await refreshTokenGrant(app(client), tokens.refresh_token!);
    expect(refreshed.access_token).toBeTruthy();
  });

  it("carry the person's current roles into each new access token", async () => {
    const client = await hybridClient(true);
    const { tokens } = await signIn(client);
    const roles = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()).roles as string[];
    expect(roles(tokens.access_token)).toEqual(["Account Administrator", "Account Member"]);
    const refreshed = await refreshTokenGrant(app(client), tokens.refresh_token!);
    expect(roles(refreshed.access_token)).toEqual(["Account Administrator", "Account Member"]);
  });
});
