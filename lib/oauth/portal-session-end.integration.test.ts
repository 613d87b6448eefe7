// The token service trusts the portal's session only while its row is on (lib/sessions):
// a copy of the portal cookie taken before a sign-out, an administrator's "sign out
// everywhere" or an RP-initiated logout gets no code at /identity/auth, and the token
// service's own session never outlives the portal session it came from.
import {
  allowInsecureRequests,
  authorizationCodeGrant,
  buildAuthorizationUrl,
  calculatePKCECodeChallenge,
  ClientSecretBasic,
  Configuration,
  None,
  randomPKCECodeVerifier,
  refreshTokenGrant,
  type ServerMetadata,
} from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type CreatedConfidentialClient } from "@/lib/clients/create-client";
import { db } from "@/lib/db/prisma";
import { endPortalSession } from "@/lib/sessions/end-portal-session";
import { createTestTenant, uniqueSuffix, type TestTenant } from "@/lib/testing/fixtures";
import { discoverServerMetadata, startTokenService, type TestTokenService } from "@/lib/testing/start-token-service";
import { TestBrowser, type Stop } from "@/lib/testing/test-browser";
import { addTenantUser } from "@/lib/users/add-tenant-user";
import { endMemberSessions } from "@/lib/users/end-member-sessions";
import { removeMember } from "@/lib/users/remove-member";

const REDIRECT = "https://app.example.com/callback";
let service: TestTokenService;
let metadata: ServerMetadata;
let tenant: TestTenant;
let clientId: string;
let hybrid: CreatedConfidentialClient;

beforeAll(async () => {
  service = await startTokenService();
  tenant = await createTestTenant("session-end");
  const client = await createClient(tenant.admin, {
    type: "authorization-code",
    name: `SPA ${uniqueSuffix()}`,
    redirectUris: [REDIRECT],
    postLogoutRedirectUris: ["https://app.example.com/bye"],
  });
  clientId = client.clientId;
  hybrid = await createClient(tenant.admin, {
    type: "hybrid",
    name: `Web ${uniqueSuffix()}`,
    redirectUris: [REDIRECT],
    postLogoutRedirectUris: [],
    allowRefreshToken: true,
    secret: { expires: "never" },
  });
  metadata = await discoverServerMetadata(service.issuer);
});

afterAll(async () => {
  await service?.close();
});

async function person() {
  const email = `person-${uniqueSuffix()}@example.com`;
  const { userId } = await addTenantUser(tenant.admin, { email, roleIds: [] });
  return { userId, email };
}

async function authorize(browser: TestBrowser, params: Record<string, string> = {}) {
  const config = new Configuration(metadata, clientId, undefined, None());
  allowInsecureRequests(config);
  const challenge = await calculatePKCECodeChallenge(randomPKCECodeVerifier());
  const url = buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope: "openid",
    code_challenge: challenge,
    code_challenge_method: "S256",
    state: "s",
    ...params,
  });
  return browser.open(url);
}

/** A browser signed in to the portal and the token service, and a copy of its cookies. */
async function signedInWithCopy(user: { userId: string; email: string }) {
  const browser = new TestBrowser(service.baseUrl);
  const sessionId = await browser.signIn(user);
  expect((await authorize(browser)).url.searchParams.get("code")).toBeTruthy();
  return { browser, sessionId, stolen: browser.copy() };
}

async function expectRefused(browser: TestBrowser) {
  expect((await authorize(browser)).url.pathname).toBe("/signin");
  const silent = await authorize(browser, { prompt: "none" });
  expect(silent.url.origin + silent.url.pathname).toBe(REDIRECT);
  expect(silent.url.searchParams.get("error")).toBe("login_required");
}

describe("a copied portal cookie at /identity/auth", () => {
  it("gets codes while the session is on, and none once the person signed out", async () => {
    const { sessionId, stolen } = await signedInWithCopy(await person());
    expect((await authorize(stolen.copy(), { prompt: "none" })).url.searchParams.get("code")).toBeTruthy();
    await endPortalSession(sessionId); // what next-auth's sign-out does (lib/auth/auth-options.ts)
    await expectRefused(stolen);
  });

  it("gets none once an administrator signed the member out everywhere", async () => {
    const user = await person();
    const { stolen } = await signedInWithCopy(user);
    await endMemberSessions(tenant.admin, { userId: user.userId });
    await expectRefused(stolen);
  });

  it("gets none after the person signed out at an application's request (RP-initiated logout)", async () => {
    const user = await person();
    const { browser, sessionId, stolen } = await signedInWithCopy(user);
    const url = new URL(metadata.end_session_endpoint!);
    url.search = new URLSearchParams({ client_id: clientId, post_logout_redirect_uri: "https://app.example.com/bye" }).toString();
    const confirm = await browser.open(url);
    const html = await confirm.response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)![1]!;
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1]!;
    // The person presses Latchkey's own Sign out button (its value, not oidc-provider's "yes").
    const logout = /<button[^>]*value="([^"]+)" name="logout"/.exec(html)![1]!;
    const done = await browser.open(new URL(action, service.baseUrl), { method: "POST", body: new URLSearchParams({ xsrf, logout }) });
    expect(done.url.origin + done.url.pathname).toBe("https://app.example.com/bye");

    expect((await db.portalSession.findUniqueOrThrow({ where: { id: sessionId } })).revokedAt).not.toBeNull();
    await expectRefused(stolen);
  });

  it("does not carry the token service's session of an ended sign-in over to a later one", async () => {
    const user = await person();
    const { browser, sessionId } = await signedInWithCopy(user);
    await endPortalSession(sessionId);
    // The person signs in to the portal again in the same browser, which still has the
    // token service's cookie of the first sign-in: that session is not reused silently.
    const again = new TestBrowser(service.baseUrl);
    await again.signIn(user, Math.floor(Date.now() / 1000) - 30);
    browser.setCookie("next-auth.session-token", again.cookie("next-auth.session-token")!);
    const silent = await authorize(browser, { prompt: "none" });
    expect(silent.url.searchParams.get("error")).toBe("login_required");
    // An interactive request goes through on the new sign-in without asking anything.
    expect((await authorize(browser)).url.searchParams.get("code")).toBeTruthy();
  });
});

/** Submits the self-submitting forms a browser would (oidc-provider's form_post pages), on the token service's origin. */
async function followForms(browser: TestBrowser, stop: Stop): Promise<Stop> {
  for (let hops = 0; hops < 5 && stop.response.status === 200 && stop.url.origin === service.baseUrl; hops++) {
    const html = await stop.response.text();
    const form = /<form[^>]*method="post"[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
    if (!form || !html.includes("document.forms[0].submit()")) return stop; // a page that asks the person, not one that submits itself
    const body = new URLSearchParams([...form[2]!.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!] as [string, string]));
    stop = await browser.open(new URL(form[1]!.replace(/&amp;/g, "&"), stop.url), { method: "POST", body });
  }
  return stop;
}

describe("another person signing in on the same browser", () => {
  it("is not signed out by the token service's session the first person left behind", async () => {
    const first = await person();
    const second = await person();
    const browser = new TestBrowser(service.baseUrl);
    const firstSession = await browser.signIn(first);
    expect((await authorize(browser)).url.searchParams.get("code")).toBeTruthy();
    // The first person signs out of the portal: next-auth ends the row and drops its own
    // cookie only, so the token service's session cookie of the first person stays.
    await endPortalSession(firstSession);
    browser.signOut();
    const secondSession = await browser.signIn(second);

    const back = await followForms(browser, await authorize(browser));
    expect(back.url.origin + back.url.pathname).toBe(REDIRECT);
    expect(back.url.searchParams.get("code")).toBeTruthy();
    expect((await db.portalSession.findUniqueOrThrow({ where: { id: secondSession } })).revokedAt).toBeNull();
    expect(browser.hasCookie("next-auth.session-token")).toBe(true);
    // Still signed in, for the application too: a silent request gets a code.
    expect((await authorize(browser, { prompt: "none" })).url.searchParams.get("code")).toBeTruthy();
  });
});

describe("the token service's own session", () => {
  it("never outlives the portal session it came from", async () => {
    const user = await person();
    const browser = new TestBrowser(service.baseUrl);
    // A portal session with an hour left (its lifetime set short for the test).
    const sessionId = await browser.signIn(user, undefined, { lifetimeSeconds: 3600, idleSeconds: 7200 });
    expect((await authorize(browser)).url.searchParams.get("code")).toBeTruthy();
    const portal = await db.portalSession.findUniqueOrThrow({ where: { id: sessionId } });
    const sessions = await db.oidcRecord.findMany({ where: { model: "Session", payload: { contains: user.userId } } });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.expiresAt!.getTime()).toBeLessThanOrEqual(portal.expiresAt.getTime());
    expect(sessions[0]!.expiresAt!.getTime()).toBeGreaterThan(portal.expiresAt.getTime() - 60_000);
  });
});

/** A server-side application signed in as the person: its tokens, refresh token included, and an unredeemed code. */
async function hybridApp(browser: TestBrowser) {
  const config = new Configuration(metadata, hybrid.clientId, hybrid.secret.plaintext, ClientSecretBasic(hybrid.secret.plaintext));
  allowInsecureRequests(config);
  const codeFlow = async () => {
    const verifier = randomPKCECodeVerifier();
    const url = buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: "openid",
      code_challenge: await calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state: "st",
    });
    return { back: (await browser.open(url)).url, verifier };
  };
  const first = await codeFlow();
  const tokens = await authorizationCodeGrant(config, first.back, { pkceCodeVerifier: first.verifier, expectedState: "st" });
  expect(tokens.refresh_token).toBeTruthy();
  const pending = await codeFlow();
  return { config, tokens, pending };
}

describe("signing a person out everywhere reaches the applications", () => {
  async function expectAppSignedOut(app: Awaited<ReturnType<typeof hybridApp>>, userId: string) {
    await expect(refreshTokenGrant(app.config, app.tokens.refresh_token!)).rejects.toMatchObject({ status: 400, error: "invalid_grant" });
    await expect(authorizationCodeGrant(app.config, app.pending.back, { pkceCodeVerifier: app.pending.verifier, expectedState: "st" })).rejects.toMatchObject({
      error: "invalid_grant",
    });
    expect(await db.oidcRecord.count({ where: { accountId: userId } })).toBe(0);
  }

  it("revokes the refresh tokens, codes, sessions and grants of a member an administrator signed out everywhere", async () => {
    const user = await person();
    const other = await person();
    const browser = new TestBrowser(service.baseUrl);
    await browser.signIn(user);
    const app = await hybridApp(browser);
    // Still working before: a refresh token of a hybrid client outlives the session on purpose.
    const refreshed = await refreshTokenGrant(app.config, app.tokens.refresh_token!);
    app.tokens = refreshed;
    const bystanderBrowser = new TestBrowser(service.baseUrl);
    await bystanderBrowser.signIn(other);
    const bystander = await hybridApp(bystanderBrowser);
    expect(
      await db.oidcRecord.count({ where: { accountId: user.userId, model: { in: ["Session", "Grant", "RefreshToken", "AuthorizationCode"] } } }),
    ).toBeGreaterThanOrEqual(4);

    await endMemberSessions(tenant.admin, { userId: user.userId });

    await expectAppSignedOut(app, user.userId);
    await expectRefused(browser);
    // Only that person: another member's application keeps its tokens.
    expect((await refreshTokenGrant(bystander.config, bystander.tokens.refresh_token!)).access_token).toBeTruthy();
  });

  it("does the same when the member's last membership is removed, and not while they keep another", async () => {
    const user = await person();
    const other = await createTestTenant("session-end-other");
    await addTenantUser(other.admin, { email: user.email, roleIds: [] });
    const browser = new TestBrowser(service.baseUrl);
    const sessionId = await browser.signIn(user);
    const app = await hybridApp(browser);

    await removeMember(other.admin, { userId: user.userId });
    expect((await db.portalSession.findUniqueOrThrow({ where: { id: sessionId } })).revokedAt).toBeNull();
    app.tokens = await refreshTokenGrant(app.config, app.tokens.refresh_token!);

    await removeMember(tenant.admin, { userId: user.userId });
    expect((await db.portalSession.findUniqueOrThrow({ where: { id: sessionId } })).revokedAt).not.toBeNull();
    await expectAppSignedOut(app, user.userId);
  });
});
