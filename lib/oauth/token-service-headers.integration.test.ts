// The token service's security headers and cookie attributes by base URL, over real HTTP:
// HSTS on https only; its session and interaction cookies SameSite=None; Secure on https
// and loopback (silent renew in another site's iframe), SameSite=Lax elsewhere (browsers
// drop SameSite=None cookies that are not Secure, and plain http cannot be Secure); and
// the authorization endpoint framed by the client's origins only. The browser side is
// e2e/silent-renew.spec.ts and e2e/security/headers.spec.ts.
import { calculatePKCECodeChallenge, randomPKCECodeVerifier } from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "@/lib/clients/create-client";
import { createTestTenant, uniqueSuffix, type TestTenant } from "@/lib/testing/fixtures";
import { startTokenService, type TestTokenService } from "@/lib/testing/start-token-service";

let tenant: TestTenant;
let clientId: string;

beforeAll(async () => {
  tenant = await createTestTenant("headers");
  const client = await createClient(tenant.admin, {
    type: "authorization-code",
    name: `Framed SPA ${uniqueSuffix()}`,
    redirectUris: ["https://app.example.com/callback", "http://localhost:5173/cb"],
    postLogoutRedirectUris: ["https://app.example.com/bye"],
    corsOrigins: ["https://other.example.com"],
    tokenLifetime: 300,
  });
  clientId = client.clientId;
});

/** An authorization request (as far as the sign-in interaction) and what it answered. */
async function authorize(service: TestTokenService, redirectUri = "https://app.example.com/callback") {
  const params = new URLSearchParams({
    client_id: clientId,
    response_type: "code",
    redirect_uri: redirectUri,
    scope: "openid",
    code_challenge: await calculatePKCECodeChallenge(randomPKCECodeVerifier()),
    code_challenge_method: "S256",
  });
  return fetch(`${service.baseUrl}/identity/auth?${params}`, { redirect: "manual" });
}

function cookiesOf(response: Response): Map<string, string> {
  return new Map(response.headers.getSetCookie().map((cookie) => [cookie.slice(0, cookie.indexOf("=")), cookie.toLowerCase()]));
}

describe.each([
  { label: "https://latchkey.example.com", base: "https://latchkey.example.com", hsts: true, crossSite: true },
  { label: "http://127.0.0.1 (loopback)", base: undefined, hsts: false, crossSite: true },
  { label: "http://latchkey.internal:3000", base: "http://latchkey.internal:3000", hsts: false, crossSite: false },
])("token service at $label", ({ base, hsts, crossSite }) => {
  let service: TestTokenService;
  beforeAll(async () => {
    service = await startTokenService(base ? { LATCHKEY_BASE_URL: base } : {});
  });
  afterAll(async () => {
    await service?.close();
  });

  it(`sends the security headers${hsts ? " and HSTS" : ", without HSTS"}`, async () => {
    const discovery = await fetch(`${service.baseUrl}/identity/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
    expect(discovery.headers.get("strict-transport-security")).toBe(hsts ? "max-age=31536000" : null);
    expect(discovery.headers.get("x-content-type-options")).toBe("nosniff");
    expect(discovery.headers.get("referrer-policy")).toBe("no-referrer");
    expect(discovery.headers.get("permissions-policy")).toContain("camera=()");
    expect(discovery.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it(`sets its interaction cookies ${crossSite ? "SameSite=None; Secure" : "SameSite=Lax, not Secure"}`, async () => {
    const response = await authorize(service);
    expect(response.status).toBe(303);
    const cookies = cookiesOf(response);
    // __Secure- on https (lib/oauth/token-service-cookies.ts says why not __Host-).
    const prefix = hsts ? "__Secure-" : "";
    const interaction = cookies.get(`${prefix}_latchkey_interaction`);
    const resume = cookies.get(`${prefix}_latchkey_interaction_resume`);
    for (const cookie of [interaction, resume, cookies.get(`${prefix}_latchkey_interaction.sig`)]) {
      expect(cookie).toBeDefined();
      expect(cookie).toContain("httponly");
      if (crossSite) {
        expect(cookie).toMatch(/; samesite=none(;|$)/);
        expect(cookie).toMatch(/; secure(;|$)/);
      } else {
        expect(cookie).toMatch(/; samesite=lax(;|$)/);
        expect(cookie).not.toMatch(/; secure(;|$)/);
      }
    }
  });

  it("lets the client's redirect and CORS origins frame its authorization requests, and no one else", async () => {
    const response = await authorize(service);
    expect(response.headers.get("content-security-policy")).toMatch(
      /frame-ancestors http:\/\/localhost:5173 https:\/\/app\.example\.com https:\/\/other\.example\.com(;|$)/,
    );
    // An error page for an unregistered redirect URL: the client's origins still, and its forms go nowhere else.
    const refused = await authorize(service, "https://evil.example/callback");
    expect(refused.status).toBe(400);
    const policy = refused.headers.get("content-security-policy")!;
    expect(policy).toMatch(/frame-ancestors http:\/\/localhost:5173 https:\/\/app\.example\.com https:\/\/other\.example\.com(;|$)/);
    expect(policy).toMatch(/form-action 'self' http:\/\/localhost:5173 https:\/\/app\.example\.com(;|$)/);
    expect(policy).not.toContain("evil.example");
    // An unknown client, and the token service's other endpoints: nobody.
    const unknown = await fetch(`${service.baseUrl}/identity/auth?client_id=unknown&response_type=code`);
    expect(unknown.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const interaction = await fetch(new URL(response.headers.get("location")!, service.baseUrl), { redirect: "manual" });
    expect(interaction.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });
});
