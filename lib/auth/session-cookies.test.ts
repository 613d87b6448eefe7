// The portal's session cookie by base URL (the token service reads the same cookie,
// lib/oauth/portal-session.ts); the browser side is e2e/silent-renew.spec.ts.
import { describe, expect, it } from "vitest";
import { SESSION_COOKIE_NAME, sessionCookie } from "./session-cookies";

describe("the portal's session cookie", () => {
  it("is __Host-, Secure and SameSite=None on https", () => {
    expect(sessionCookie("https://latchkey.example.com")).toEqual({
      name: "__Host-next-auth.session-token",
      options: { httpOnly: true, path: "/", sameSite: "none", secure: true },
    });
  });

  it("is Secure and SameSite=None on loopback http, which browsers count as secure", () => {
    for (const base of ["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000"]) {
      expect(sessionCookie(base)).toEqual({ name: "next-auth.session-token", options: { httpOnly: true, path: "/", sameSite: "none", secure: true } });
    }
  });

  it("stays SameSite=Lax and not Secure on plain http elsewhere, where a Secure cookie would never come back", () => {
    expect(sessionCookie("http://latchkey.internal:3000")).toEqual({
      name: "next-auth.session-token",
      options: { httpOnly: true, path: "/", sameSite: "lax", secure: false },
    });
  });

  it("is recognised by name in every form, chunks included, and nothing else is", () => {
    for (const name of ["next-auth.session-token", "__Host-next-auth.session-token", "__Secure-next-auth.session-token", "__Host-next-auth.session-token.1"]) {
      expect(name).toMatch(SESSION_COOKIE_NAME);
    }
    for (const name of ["next-auth.csrf-token", "x-next-auth.session-token", "next-auth.session-token.x"]) expect(name).not.toMatch(SESSION_COOKIE_NAME);
  });
});
