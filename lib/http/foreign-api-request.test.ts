import { describe, expect, it } from "vitest";
import { isForeignApiRequest } from "./foreign-api-request";

const request = (url: string, site?: string) => ({ url, headers: site ? { "sec-fetch-site": site } : {} });

describe("the portal API's refusal of other origins' requests", () => {
  it("refuses cross-site and same-site (another port of the host) browser requests to /api/t/", () => {
    expect(isForeignApiRequest(request("/api/t/acme/audit", "cross-site"))).toBe(true);
    expect(isForeignApiRequest(request("/api/t/acme/audit?limit=5", "Same-Site"))).toBe(true);
  });

  it("lets the portal's own pages, typed-in URLs and non-browser clients through to the route's checks", () => {
    for (const site of ["same-origin", "none", undefined]) expect(isForeignApiRequest(request("/api/t/acme/audit", site))).toBe(false);
  });

  it("leaves next-auth alone: the identity provider sends the browser back to /api/auth/callback from its own site", () => {
    expect(isForeignApiRequest(request("/api/auth/callback/oidc?code=x", "cross-site"))).toBe(false);
  });
});
