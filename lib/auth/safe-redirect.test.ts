import { describe, expect, it } from "vitest";
import { safeRedirectPath, safeRedirectUrl } from "./safe-redirect";

const BASE = "http://localhost:3000";

describe("safeRedirectPath", () => {
  it.each([
    ["/t/acme/clients", "/t/acme/clients"],
    ["/t/acme/clients?type=hybrid&page=2#top", "/t/acme/clients?type=hybrid&page=2#top"],
    ["/identity/interaction/abc", "/identity/interaction/abc"],
    ["http://localhost:3000/t/acme/users", "/t/acme/users"],
    ["/a/../t/acme", "/t/acme"],
    // Still on our origin, but must not come back out as a protocol-relative "//host".
    ["/a/..//evil.example", "/evil.example"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/%5Cevil.example", "/%5Cevil.example"],
    // A scheme-relative form of our own scheme: browsers resolve it on our origin too.
    ["http:evil.example", "/evil.example"],
  ])("keeps %j on Latchkey as %j", (value, expected) => {
    expect(safeRedirectPath(value, BASE)).toBe(expected);
  });

  it.each([
    "/\\evil.example/a",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "//evil.example",
    "///evil.example",
    "////evil.example/a",
    " //evil.example",
    "\t//evil.example",
    "https://evil.example/",
    "http://localhost:3000.evil.example/x",
    "http://localhost:3000@evil.example/x",
    "http://user:pass@localhost:3000/x",
    "http://localhost:3001/x",
    "https://localhost:3000/x",
    "http://127.0.0.1:3000/x",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "mailto:a@evil.example",
    "http://[::1",
    "",
  ])("sends %j home instead", (value) => {
    expect(safeRedirectPath(value, BASE)).toBe("/");
  });

  it.each([undefined, null, 42, ["/t/acme"], { href: "/t/acme" }])("sends a non-string (%j) home", (value) => {
    expect(safeRedirectPath(value, BASE)).toBe("/");
  });

  it("compares with the base URL's origin, whatever its path", () => {
    expect(safeRedirectPath("https://latchkey.example.com/t/a", "https://latchkey.example.com/")).toBe("/t/a");
    expect(safeRedirectPath("https://latchkey.example.com.evil.example/t/a", "https://latchkey.example.com")).toBe("/");
  });

  it("never returns something a browser would resolve to another origin", () => {
    const hostile = ["/\\evil.example", "/\t/evil.example", "/a/..//evil.example", "/./\\/evil.example", "/..\\..\\evil.example", "/%09/evil.example"];
    for (const value of hostile) expect(new URL(safeRedirectPath(value, BASE), BASE).origin).toBe(BASE);
  });
});

describe("safeRedirectUrl", () => {
  it("is the absolute URL of the safe path", () => {
    expect(safeRedirectUrl("/t/a?x=1", BASE)).toBe(`${BASE}/t/a?x=1`);
    expect(safeRedirectUrl("http://localhost:3000.evil.example/x", BASE)).toBe(`${BASE}/`);
  });
});
