// Authorization code clients (browser apps) against the real token service over HTTP, with
// openid-client as the application: PKCE S256 required, exact redirect URLs, no refresh
// tokens, CORS only for the client's origins, and only members of the client's tenant.
import { createRemoteJWKSet, jwtVerify } from "jose";
import {
  allowInsecureRequests,
  authorizationCodeGrant,
  buildAuthorizationUrl,
  calculatePKCECodeChallenge,
  Configuration,
  fetchUserInfo,
  None,
  randomPKCECodeVerifier,
  randomState,
  ResponseBodyError,
  tokenIntrospection,
  type ServerMetadata,
} from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "@/lib/clients/create-client";
import { db } from "@/lib/db/prisma";
import { createTestTenant, uniqueSuffix, type TestTenant } from "@/lib/testing/fixtures";
import { discoverServerMetadata, startTokenService, type TestTokenService } from "@/lib/testing/start-token-service";
import { TestBrowser } from "@/lib/testing/test-browser";
import { recordKey } from "./record-key";

const REDIRECT = "https://app.example.com/callback";
let service: TestTokenService;
let metadata: ServerMetadata;
let tenant: TestTenant;
let other: TestTenant;
let clientId: string;

beforeAll(async () => {
  service = await startTokenService();
  [tenant, other] = await Promise.all([createTestTenant("authz"), createTestTenant("authz-other")]);
  const client = await createClient(tenant.admin, {
    type: "authorization-code",
    name: `SPA ${uniqueSuffix()}`,
    redirectUris: [REDIRECT, "http://localhost:5173/cb"],
    postLogoutRedirectUris: ["https://app.example.com/bye"],
    corsOrigins: ["https://other.example.com"],
    tokenLifetime: 300,
  });
  clientId = client.clientId;
  metadata = await discoverServerMetadata(service.issuer);
});

afterAll(async () => {
  await service?.close();
});

function app(id = clientId): Configuration {
  const config = new Configuration(metadata, id, undefined, None());
  allowInsecureRequests(config);
  return config;
}

function admin(t: TestTenant = tenant) {
  return { userId: t.adminUserId, email: t.admin.actor.label };
}

async function authorize(browser: TestBrowser, params: Record<string, string>, config = app()) {
  const url = buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: "openid email profile", ...params });
  return browser.open(url);
}

describe("authorization code with PKCE", () => {
  it("sends a signed-out person to the portal's sign-in and comes back with a code for a member", async () => {
    const browser = new TestBrowser(service.baseUrl);
    const verifier = randomPKCECodeVerifier();
    const state = randomState();
    const first = await authorize(browser, { code_challenge: await calculatePKCECodeChallenge(verifier), code_challenge_method: "S256", state });
    expect(first.url.pathname).toBe("/signin");
    const callbackUrl = first.url.searchParams.get("callbackUrl")!;
    expect(callbackUrl).toMatch(/^\/identity\/interaction\/[\w-]+$/);

    await browser.signIn(admin());
    const back = await browser.open(new URL(callbackUrl, service.baseUrl));
    expect(back.url.origin + back.url.pathname).toBe(REDIRECT);
    expect(back.url.searchParams.get("code")).toBeTruthy();

    const tokens = await authorizationCodeGrant(app(), back.url, { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens.refresh_token).toBeUndefined();
    expect(tokens.expires_in).toBe(300);
    const idToken = tokens.claims()!;
    expect(idToken).toMatchObject({ sub: tenant.adminUserId, aud: clientId, iss: service.issuer, email: tenant.admin.actor.label });

    const { payload, protectedHeader } = await jwtVerify(tokens.access_token, createRemoteJWKSet(new URL(metadata.jwks_uri!)), {
      issuer: service.issuer,
      audience: `${service.baseUrl}/api`,
      typ: "at+jwt",
    });
    expect(protectedHeader.alg).toBe("ES256");
    expect(payload).toMatchObject({ sub: tenant.adminUserId, client_id: clientId, tenant: tenant.slug, tenant_id: tenant.id, environment: "Development" });
    expect(payload.roles).toEqual(["Account Administrator", "Account Member"]);
    expect(payload.exp! - payload.iat!).toBe(300);

    const userinfo = await fetchUserInfo(app(), tokens.access_token, tenant.adminUserId);
    expect(userinfo).toMatchObject({ sub: tenant.adminUserId, email: tenant.admin.actor.label });
  });

  it("needs no sign-in again while the portal session lasts", async () => {
    const browser = new TestBrowser(service.baseUrl);
    await browser.signIn(admin());
    const verifier = randomPKCECodeVerifier();
    const back = await authorize(browser, { code_challenge: await calculatePKCECodeChallenge(verifier), code_challenge_method: "S256", state: "s" });
    expect(back.url.origin + back.url.pathname).toBe(REDIRECT);
    const tokens = await authorizationCodeGrant(app(), back.url, { pkceCodeVerifier: verifier, expectedState: "s" });
    expect(tokens.access_token).toBeTruthy();
  });

  it("refuses a request without a code_challenge (invalid_request at the redirect URL)", async () => {
    const browser = new TestBrowser(service.baseUrl);
    await browser.signIn(admin());
    const back = await authorize(browser, { state: "s" });
    expect(back.url.origin + back.url.pathname).toBe(REDIRECT);
    expect(back.url.searchParams.get("error")).toBe("invalid_request");
    expect(back.url.searchParams.get("error_description")).toMatch(/PKCE/);
  });

  it("refuses the plain code_challenge_method", async () => {
    const browser = new TestBrowser(service.baseUrl);
    await browser.signIn(admin());
    const verifier = randomPKCECodeVerifier();
    const back = await authorize(browser, { code_challenge: verifier, code_challenge_method: "plain", state: "s" });
    expect(back.url.searchParams.get("error")).toBe("invalid_request");
    expect(back.url.searchParams.get("error_description")).toMatch(/code_challenge_method/);
  });

  it("refuses a wrong code_verifier with invalid_grant", async () => {
    const browser = new TestBrowser(service.baseUrl);
    await browser.signIn(admin());
    const back = await authorize(browser, {
      code_challenge: await calculatePKCECodeChallenge(randomPKCECodeVerifier()),
      code_challenge_method: "S256",
      state: "s",
    });
    const error = await authorizationCodeGrant(app(), back.url, { pkceCodeVerifier: randomPKCECodeVerifier(), expectedState: "s" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseBodyError);
    expect(error).toMatchObject({ status: 400, error: "invalid_grant" });
  });

  it("shows an error page, and redirects nowhere, for a redirect URL that is not registered exactly", async () => {
    const browser = new TestBrowser(service.baseUrl);
    await browser.signIn(admin());
    for (const redirect of [`${REDIRECT}/`, "https://app.example.com/callback?x=1", "https://evil.example.com/callback", "https://APP.example.com/callback"]) {
      const url = buildAuthorizationUrl(app(), { redirect_uri: redirect, scope: "openid", code_challenge: "x".repeat(43), code_challenge_method: "S256" });
      const stop = await browser.open(url);
      expect(stop.response.status).toBe(400);
      expect(stop.url.origin).toBe(service.baseUrl);
      expect(await stop.response.text()).toContain("redirect_uri did not match any of the client&#39;s registered redirect_uris");
    }
  });

  it("gives another tenant's user no code (access_denied)", async () => {
    const browser = new TestBrowser(service.baseUrl);
    await browser.signIn(admin(other));
    const verifier = randomPKCECodeVerifier();
    const back = await authorize(browser, { code_challenge: await calculatePKCECodeChallenge(verifier), code_challenge_method: "S256", state: "s" });
    expect(back.url.origin + back.url.pathname).toBe(REDIRECT);
    expect(back.url.searchParams.get("code")).toBeNull();
    expect(back.url.searchParams.get("error")).toBe("access_denied");
    expect(back.url.searchParams.get("error_description")).toContain("not a member");
    // The application (of another tenant) learns nothing about who tried.
    expect(back.url.href).not.toContain(encodeURIComponent(other.admin.actor.label));
    expect(decodeURIComponent(back.url.href)).not.toContain(other.admin.actor.label);
  });
});

describe("what an authorization code client may not do", () => {
  async function tokenRequest(body: Record<string, string>, headers: Record<string, string> = {}) {
    const response = await fetch(metadata.token_endpoint!, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, string> };
  }

  it("gets no token by client_credentials or refresh_token (unauthorized_client)", async () => {
    expect(await tokenRequest({ grant_type: "client_credentials", client_id: clientId })).toMatchObject({
      status: 400,
      body: { error: "unauthorized_client" },
    });
    expect(await tokenRequest({ grant_type: "refresh_token", client_id: clientId, refresh_token: "x" })).toMatchObject({
      status: 400,
      body: { error: "unauthorized_client" },
    });
  });

  it("redeems a code once: the second try is invalid_grant, and the first's access token stops at introspection and userinfo", async () => {
    const browser = new TestBrowser(service.baseUrl);
    await browser.signIn(admin());
    const verifier = randomPKCECodeVerifier();
    const back = await authorize(browser, { code_challenge: await calculatePKCECodeChallenge(verifier), code_challenge_method: "S256", state: "s" });
    const { access_token } = await authorizationCodeGrant(app(), back.url, { pkceCodeVerifier: verifier, expectedState: "s" });
    expect((await tokenIntrospection(app(), access_token)).active).toBe(true);
    expect((await fetchUserInfo(app(), access_token, tenant.adminUserId)).sub).toBe(tenant.adminUserId);
    // The token names its grant by a reference that is not the grant's id.
    const claims = JSON.parse(Buffer.from(access_token.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
    expect(claims.grant_ref).toEqual(expect.any(String));
    // Neither the grant's id nor the key its record is stored under: a server-keyed HMAC.
    const grantRow = await db.oidcRecord.findFirstOrThrow({ where: { model: "Grant", uid: claims.grant_ref as string } });
    const codes = await db.oidcRecord.findMany({ where: { model: "AuthorizationCode", grantId: { not: null } }, select: { grantId: true } });
    const grantId = codes.map((c) => c.grantId!).find((id) => recordKey(id) === grantRow.id);
    expect(grantId).toEqual(expect.any(String));
    expect(claims.grant_ref).not.toBe(grantId);
    expect(claims.grant_ref).not.toBe(grantRow.id);
    expect(claims.grant_ref).not.toBe(recordKey(grantId!));

    const again = await authorizationCodeGrant(app(), back.url, { pkceCodeVerifier: verifier, expectedState: "s" }).catch((e: unknown) => e);
    expect(again).toMatchObject({ status: 400, error: "invalid_grant" });
    expect(await tokenIntrospection(app(), access_token)).toEqual({ active: false });
    await expect(fetchUserInfo(app(), access_token, tenant.adminUserId)).rejects.toMatchObject({ status: 401 });
  });

  it("answers CORS only for its redirect URLs' origins and its registered origins", async () => {
    const body = { grant_type: "authorization_code", client_id: clientId, code: "unknown", redirect_uri: REDIRECT, code_verifier: randomPKCECodeVerifier() };
    for (const origin of ["https://app.example.com", "https://other.example.com", "http://localhost:5173"]) {
      const answer = await tokenRequest(body, { origin });
      expect(answer.headers.get("access-control-allow-origin")).toBe(origin);
      expect(answer.body.error).toBe("invalid_grant");
    }
    const refused = await tokenRequest(body, { origin: "https://evil.example.com" });
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    expect(refused).toMatchObject({ status: 400, body: { error: "invalid_request" } });
  });
});

describe("sign-in rules", () => {
  it("answers prompt=none without a portal session with login_required", async () => {
    const browser = new TestBrowser(service.baseUrl);
    const back = await authorize(browser, {
      prompt: "none",
      code_challenge: await calculatePKCECodeChallenge(randomPKCECodeVerifier()),
      code_challenge_method: "S256",
      state: "s",
    });
    expect(back.url.origin + back.url.pathname).toBe(REDIRECT);
    expect(back.url.searchParams.get("error")).toBe("login_required");
  });

  it("honours prompt=login: a fresh sign-in, whose time is the ID token's auth_time", async () => {
    const browser = new TestBrowser(service.baseUrl);
    const earlier = Math.floor(Date.now() / 1000) - 600;
    await browser.signIn(admin(), earlier);
    const verifier = randomPKCECodeVerifier();
    const first = await authorize(browser, {
      prompt: "login",
      code_challenge: await calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state: "s",
    });
    expect(first.url.pathname).toBe("/signin");
    expect(first.url.searchParams.get("reauth")).toBe("1");

    const now = Math.floor(Date.now() / 1000);
    await browser.signIn(admin(), now);
    const back = await browser.open(new URL(first.url.searchParams.get("callbackUrl")!, service.baseUrl));
    const tokens = await authorizationCodeGrant(app(), back.url, { pkceCodeVerifier: verifier, expectedState: "s" });
    expect(tokens.claims()!.auth_time).toBe(now);
  });

  it("takes max_age=0 as a fresh sign-in after the request began, without asking again and again", async () => {
    const browser = new TestBrowser(service.baseUrl);
    await browser.signIn(admin(), Math.floor(Date.now() / 1000) - 60);
    const verifier = randomPKCECodeVerifier();
    const first = await authorize(browser, {
      max_age: "0",
      code_challenge: await calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state: "s",
    });
    expect(first.url.pathname).toBe("/signin");
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // the sign-in takes a moment
    await browser.signIn(admin());
    const back = await browser.open(new URL(first.url.searchParams.get("callbackUrl")!, service.baseUrl));
    expect(back.url.origin + back.url.pathname).toBe(REDIRECT);
    const tokens = await authorizationCodeGrant(app(), back.url, { pkceCodeVerifier: verifier, expectedState: "s", maxAge: 5 });
    expect(tokens.access_token).toBeTruthy();
  });

  it("stops giving codes to a person removed from the tenant, though their session lives on", async () => {
    const { removeMember } = await import("@/lib/users/remove-member");
    const { addTenantUser } = await import("@/lib/users/add-tenant-user");
    const email = `leaver-${uniqueSuffix()}@example.com`;
    const { userId } = await addTenantUser(tenant.admin, { email, roleIds: [] });
    // A member of another tenant too: removing the last membership would end the session
    // (portal-session-end.integration.test.ts).
    await addTenantUser(other.admin, { email, roleIds: [] });
    const browser = new TestBrowser(service.baseUrl);
    await browser.signIn({ userId, email });
    const verifier = randomPKCECodeVerifier();
    const ok = await authorize(browser, { code_challenge: await calculatePKCECodeChallenge(verifier), code_challenge_method: "S256", state: "s" });
    expect(ok.url.searchParams.get("code")).toBeTruthy();

    await removeMember(tenant.admin, { userId });
    const refused = await authorize(browser, { code_challenge: await calculatePKCECodeChallenge(verifier), code_challenge_method: "S256", state: "s" });
    expect(refused.url.searchParams.get("error")).toBe("access_denied");
    // The code issued before the removal is worthless too.
    const late = await authorizationCodeGrant(app(), ok.url, { pkceCodeVerifier: verifier, expectedState: "s" }).catch((e: unknown) => e);
    expect(late).toMatchObject({ error: "invalid_grant" });
  });
});

describe("RP-initiated logout", () => {
  async function signedInWithIdToken() {
    const browser = new TestBrowser(service.baseUrl);
    await browser.signIn(admin());
    const verifier = randomPKCECodeVerifier();
    const back = await authorize(browser, { code_challenge: await calculatePKCECodeChallenge(verifier), code_challenge_method: "S256", state: "s" });
    const tokens = await authorizationCodeGrant(app(), back.url, { pkceCodeVerifier: verifier, expectedState: "s" });
    return { browser, idToken: tokens.id_token! };
  }

  it("signs out of the token service and the portal, then returns to a registered logout URL", async () => {
    const { browser, idToken } = await signedInWithIdToken();
    const url = new URL(metadata.end_session_endpoint!);
    url.search = new URLSearchParams({ id_token_hint: idToken, post_logout_redirect_uri: "https://app.example.com/bye", state: "bye" }).toString();
    const confirm = await browser.open(url);
    const html = await confirm.response.text();
    expect(html).toContain("Sign out?");
    const action = /<form[^>]*action="([^"]+)"/.exec(html)![1]!;
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1]!;

    const done = await browser.open(new URL(action, service.baseUrl), { method: "POST", body: new URLSearchParams({ xsrf, logout: "yes" }) });
    expect(done.url.origin + done.url.pathname).toBe("https://app.example.com/bye");
    expect(done.url.searchParams.get("state")).toBe("bye");
    expect(browser.hasCookie("next-auth.session-token")).toBe(false);
  });

  function endSessionUrl(params: Record<string, string> = {}): URL {
    const url = new URL(metadata.end_session_endpoint!);
    url.search = new URLSearchParams(params).toString();
    return url;
  }

  // Logout CSRF: oidc-provider confirms a sign-out by itself (an auto-submitted form with
  // logout=yes) when it has no session of the person, and that used to end the portal session.
  it("asks a person signed in only to the portal before another site's sign-out request ends their session", async () => {
    const browser = new TestBrowser(service.baseUrl);
    await browser.signIn(admin());
    const page = await browser.open(endSessionUrl());
    const html = await page.response.text();
    expect(page.response.status).toBe(200);
    expect(html).toContain("Sign out?");
    expect(html).not.toMatch(/name="logout"[^>]*value="yes"/);
    expect(html).not.toContain("document.forms[0].submit()");
    expect(browser.hasCookie("next-auth.session-token")).toBe(true);

    // "Stay signed in" keeps the portal session, and the page after it says so.
    const action = new URL(/<form[^>]*action="([^"]+)"/.exec(html)![1]!, service.baseUrl);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1]!;
    const stayed = await browser.open(action, { method: "POST", body: new URLSearchParams({ xsrf }) });
    expect(browser.hasCookie("next-auth.session-token")).toBe(true);
    const stayedHtml = await stayed.response.text();
    expect(stayedHtml).toContain("You are still signed in");
    expect(stayedHtml).not.toContain("You signed out of Latchkey");

    // The Sign out button sends its own value: that, and only that, ends the portal session.
    const again = await (await browser.open(endSessionUrl())).response.text();
    const button = /<button[^>]*value="([^"]+)" name="logout">Sign out</.exec(again)![1]!;
    expect(button).not.toBe("yes");
    const secondXsrf = /name="xsrf" value="([^"]+)"/.exec(again)![1]!;
    const done = await browser.open(action, { method: "POST", body: new URLSearchParams({ xsrf: secondXsrf, logout: button }) });
    expect(browser.hasCookie("next-auth.session-token")).toBe(false);
    expect(await done.response.text()).toContain("You are signed out");
  });

  // A cross-site request can arrive without the portal's SameSite=Lax cookie: at that moment
  // there seems to be nobody to ask, and oidc-provider's auto-submitted form (logout=yes)
  // would then go back same-site, with the cookie.
  it("asks when a sign-out request arrives without the portal cookie, and logout=yes alone never ends the portal session", async () => {
    const browser = new TestBrowser(service.baseUrl);
    const crossSite = await browser.open(endSessionUrl());
    const html = await crossSite.response.text();
    expect(html).toContain("Sign out?");
    expect(html).not.toContain('value="yes"');

    // Whatever the form said, the confirmation (now with the portal cookie) decides.
    await browser.signIn(admin());
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1]!;
    const action = new URL(/<form[^>]*action="([^"]+)"/.exec(html)![1]!, service.baseUrl);
    await browser.open(action, { method: "POST", body: new URLSearchParams({ xsrf, logout: "yes" }) });
    expect(browser.hasCookie("next-auth.session-token")).toBe(true);
  });

  it("asks too when the id_token_hint names someone else than the person signed in to the portal", async () => {
    const { idToken } = await signedInWithIdToken();
    const victim = new TestBrowser(service.baseUrl);
    await victim.signIn({ userId: tenant.memberUserId, email: tenant.member.actor.label });
    const html = await (await victim.open(endSessionUrl({ id_token_hint: idToken }))).response.text();
    expect(html).toContain("Sign out?");
    expect(html).not.toMatch(/name="logout"[^>]*value="yes"/);
  });

  it("signs out without asking only for a valid id_token_hint of the person signed in to the portal", async () => {
    const { idToken } = await signedInWithIdToken();
    const portalOnly = new TestBrowser(service.baseUrl);
    await portalOnly.signIn(admin());
    const html = await (await portalOnly.open(endSessionUrl({ id_token_hint: idToken }))).response.text();
    expect(html).toMatch(/name="logout" value="yes"/);
    // oidc-provider's auto-submitted form, as the browser would send it: the hint decides.
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1]!;
    const action = new URL(/<form[^>]*action="([^"]+)"/.exec(html)![1]!, service.baseUrl);
    await portalOnly.open(action, { method: "POST", body: new URLSearchParams({ xsrf, logout: "yes" }) });
    expect(portalOnly.hasCookie("next-auth.session-token")).toBe(false);
  });

  it("never redirects to a logout URL that is not registered", async () => {
    const { browser, idToken } = await signedInWithIdToken();
    for (const target of ["https://evil.example.com/bye", "https://app.example.com/bye/", REDIRECT]) {
      const url = new URL(metadata.end_session_endpoint!);
      url.search = new URLSearchParams({ id_token_hint: idToken, post_logout_redirect_uri: target }).toString();
      const stop = await browser.open(url);
      expect(stop.response.status).toBe(400);
      expect(stop.url.origin).toBe(service.baseUrl);
      expect(await stop.response.text()).toContain("post_logout_redirect_uri not registered");
    }
  });
});
