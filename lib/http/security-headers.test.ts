import { describe, expect, it } from "vitest";
import { portalCsp } from "./portal-csp";
import { securityHeaders } from "./security-headers";

describe("security headers", () => {
  it("pin https with HSTS, and only https", () => {
    expect(securityHeaders("https://latchkey.example.com")["Strict-Transport-Security"]).toBe("max-age=31536000");
    expect(securityHeaders("http://localhost:3000")).not.toHaveProperty("Strict-Transport-Security");
  });

  it("let the portal's scripts run by nonce only, and upgrade requests on https", () => {
    const policy = portalCsp({ nonce: "abc", baseUrl: "https://latchkey.example.com", dev: false });
    expect(policy).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic';");
    expect(policy).not.toContain("unsafe");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toMatch(/; upgrade-insecure-requests$/);
    expect(portalCsp({ nonce: "abc", baseUrl: "http://localhost:3000", dev: false })).not.toContain("upgrade-insecure-requests");
  });
});
