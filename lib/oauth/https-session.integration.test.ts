// The token service with an https base URL end to end, as behind a TLS proxy: the browser
// (TestBrowser) believes it talks to https://latchkey.example.com while its requests reach
// the in-process service over plain HTTP with X-Forwarded-Proto/-Host, as a TLS proxy sends. HSTS on every answer; the portal's session cookie
// found under its __Host- name only; the service's own session cookie __Host- and its
// interaction cookies __Secure-, all Secure; silent renew (prompt=none) from that session;
// and the headers of the sign-out confirmation page and of a form_post response.
import { createHash } from "node:crypto";
import { calculatePKCECodeChallenge, randomPKCECodeVerifier } from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "@/lib/clients/create-client";
import { createTestTenant, uniqueSuffix, type TestTenant } from "@/lib/testing/fixtures";
import { startTokenService, type TestTokenService } from "@/lib/testing/start-token-service";
import { TestBrowser } from "@/lib/testing/test-browser";

const BASE = "https://latchkey.example.com";
const REDIRECT = "https://app.example.com/callback";
const HOST_SESSION = "__Host-next-auth.session-token";
let service: TestTokenService;
let tenant: TestTenant;
let clientId: string;

beforeAll(async () => {
  service = await startTokenService({ LATCHKEY_BASE_URL: BASE, LATCHKEY_TRUST_PROXY: "1" });
  tenant = await createTestTenant("https");
  const client = await createClient(tenant.admin, {
    type: "authorization-code",
    name: `HTTPS SPA ${uniqueSuffix()}`,
    redirectUris: [REDIRECT],
    postLogoutRedirectUris: ["https://app.example.com/bye"],
    corsOrigins: [],
    tokenLifetime: 300,
  });
  clientId = client.clientId;
});

afterAll(async () => {
  await service?.close();
});

function browser(sessionCookieName = HOST_SESSION): TestBrowser {
  return new TestBrowser(BASE, { connectTo: service.baseUrl, sessionCookieName });
}

async function authorizeUrl(params: Record<string, string> = {}): Promise<URL> {
  const url = new URL(`${BASE}/identity/auth`);
  url.search = new URLSearchParams({
    client_id: clientId,
    response_type: "code",
    redirect_uri: REDIRECT,
    scope: "openid",
    code_challenge: await calculatePKCECodeChallenge(randomPKCECodeVerifier()),
    code_challenge_method: "S256",
    ...params,
  }).toString();
  return url;
}

function cookie(lines: string[], name: string): string {
  const line = lines.findLast((l) => l.startsWith(`${name}=`) && !/max-age=0|expires=thu, 01 jan 1970/i.test(l));
  expect(line, `Set-Cookie ${name} among ${lines.map((l) => l.slice(0, l.indexOf("="))).join(", ")}`).toBeTruthy();
  return line!.toLowerCase();
}

const signedIn = async (sessionCookieName = HOST_SESSION) => {
  const b = browser(sessionCookieName);
  await b.signIn({ userId: tenant.adminUserId, email: tenant.admin.actor.label });
  return b;
};

describe("the token service on https", () => {
  it("signs in from the __Host- portal cookie and renews silently with prompt=none", async () => {
    const b = await signedIn();
    const first = await b.open(await authorizeUrl());
    expect(first.url.origin + first.url.pathname).toBe(REDIRECT);
    expect(first.url.searchParams.get("code")).toBeTruthy();
    expect(first.url.searchParams.get("iss")).toBe(`${BASE}/identity`);
    expect(first.response.headers.get("strict-transport-security")).toBe("max-age=31536000");

    const silent = await b.open(await authorizeUrl({ prompt: "none" }));
    expect(silent.url.origin + silent.url.pathname).toBe(REDIRECT);
    expect(silent.url.searchParams.get("error")).toBeNull();
    expect(silent.url.searchParams.get("code")).toBeTruthy();
  });

  it("sets its session cookie __Host- (Path=/, no Domain) and its interaction cookies __Secure-, all Secure and SameSite=None", async () => {
    const b = await signedIn();
    await b.open(await authorizeUrl());
    const session = cookie(b.setCookies, "__Host-_latchkey_op_session");
    const interaction = cookie(b.setCookies, "__Secure-_latchkey_interaction");
    const resume = cookie(b.setCookies, "__Secure-_latchkey_interaction_resume");
    expect(session).toMatch(/; path=\/(;|$)/);
    expect(session).not.toContain("domain=");
    for (const line of [session, interaction, resume]) {
      expect(line).toMatch(/; secure(;|$)/);
      expect(line).toMatch(/; samesite=none(;|$)/);
      expect(line).toContain("httponly");
    }
    // Interaction cookies are scoped to their interaction's path (why they cannot be __Host-).
    expect(interaction).toMatch(/; path=\/identity\/interaction\/[\w-]+(;|$)/);
    expect(b.setCookies.some((l) => /^_latchkey_/.test(l))).toBe(false);
  });

  it("does not take the portal cookie under its plain name, which any http page of the domain could plant", async () => {
    const b = await signedIn("next-auth.session-token");
    const silent = await b.open(await authorizeUrl({ prompt: "none" }));
    expect(silent.url.origin + silent.url.pathname).toBe(REDIRECT);
    expect(silent.url.searchParams.get("error")).toBe("login_required");
  });

  it("answers form_post with an auto-submitting page whose one script the policy allows by hash, framed only by the client", async () => {
    const b = await signedIn();
    const { response } = await b.open(await authorizeUrl({ response_mode: "form_post" }));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`action="${REDIRECT}"`);
    const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    const policy = response.headers.get("content-security-policy")!;
    const scriptSrc = /script-src ([^;]*)/.exec(policy)![1]!.split(" ");
    expect(scriptSrc).toEqual([`'sha256-${createHash("sha256").update(scripts[0]!).digest("base64")}'`]);
    expect(policy).toMatch(/form-action 'self' https:\/\/app\.example\.com(;|$)/);
    expect(policy).toMatch(/frame-ancestors https:\/\/app\.example\.com(;|$)/);
    expect(response.headers.get("x-frame-options")).toBeNull();
    expect(response.headers.get("strict-transport-security")).toBe("max-age=31536000");
  });

  it("shows the sign-out confirmation page unframeable, X-Frame-Options: DENY included", async () => {
    const b = await signedIn();
    await b.open(await authorizeUrl());
    const { response } = await b.open(`${BASE}/identity/session/end`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Sign out?");
    expect(response.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'(;|$)/);
    expect(response.headers.get("content-security-policy")).not.toMatch(/script-src (?!'none')/);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("strict-transport-security")).toBe("max-age=31536000");
  });

  it("keeps /identity/auth frameable by the client and unframeable for an unknown one", async () => {
    const framed = await fetch(new URL(`/identity/auth${(await authorizeUrl()).search}`, service.baseUrl), { redirect: "manual" });
    expect(framed.headers.get("content-security-policy")).toMatch(/frame-ancestors https:\/\/app\.example\.com(;|$)/);
    expect(framed.headers.get("x-frame-options")).toBeNull();
    const unknown = await fetch(`${service.baseUrl}/identity/auth?client_id=unknown&response_type=code`);
    expect(unknown.headers.get("x-frame-options")).toBe("DENY");
    // Applications read discovery cross-origin: no Cross-Origin-Resource-Policy in their way.
    const discovery = await fetch(`${service.baseUrl}/identity/.well-known/openid-configuration`);
    expect(discovery.headers.get("cross-origin-resource-policy")).toBeNull();
  });
});
