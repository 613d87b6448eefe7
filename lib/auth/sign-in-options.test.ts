import { describe, expect, it } from "vitest";
import { devSignInEnabled, oidcSettings } from "./sign-in-options";

describe("development sign-in", () => {
  it("is off unless LATCHKEY_DEV_SIGNIN=1 is set explicitly, in production too", () => {
    expect(devSignInEnabled({ NODE_ENV: "development" })).toBe(false);
    expect(devSignInEnabled({ NODE_ENV: "production" })).toBe(false);
    expect(devSignInEnabled({ NODE_ENV: "production", LATCHKEY_DEV_SIGNIN: "true" })).toBe(false);
    expect(devSignInEnabled({ NODE_ENV: "production", LATCHKEY_DEV_SIGNIN: "1" })).toBe(true);
  });
});

describe("OpenID Connect sign-in", () => {
  it("needs issuer, client id and client secret", () => {
    expect(oidcSettings({ NODE_ENV: "test", LATCHKEY_OIDC_ISSUER: "https://idp.example.com", LATCHKEY_OIDC_CLIENT_ID: "latchkey" })).toBeNull();
    expect(
      oidcSettings({
        NODE_ENV: "test",
        LATCHKEY_OIDC_ISSUER: "https://idp.example.com/",
        LATCHKEY_OIDC_CLIENT_ID: "latchkey",
        LATCHKEY_OIDC_CLIENT_SECRET: "s",
      }),
    ).toEqual({ issuer: "https://idp.example.com", clientId: "latchkey", clientSecret: "s", name: "your identity provider" });
  });
});
