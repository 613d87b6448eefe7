import { describe, expect, it } from "vitest";
import { serverConfig as configOf } from "@/lib/config";
import { devSignInNotice } from "./dev-sign-in-notice";

const serverConfig = (env: Record<string, string>) => configOf({ NODE_ENV: "production", ...env });

describe("devSignInNotice", () => {
  it("says nothing when development sign-in is off", () => {
    expect(devSignInNotice(serverConfig({}))).toBeNull();
  });

  it("is one loud line saying it is on and that it is meant for this machine", () => {
    const line = devSignInNotice(serverConfig({ LATCHKEY_DEV_SIGNIN: "1", PORT: "4000" }))!;
    expect(line).not.toContain("\n");
    expect(line).toMatch(/^!!! DEVELOPMENT SIGN-IN IS ON/);
    expect(line).toContain("listening on 127.0.0.1 only: meant for a developer on this machine");
    expect(line).toContain("http://localhost:4000");
  });

  it("warns that anyone on the network can sign in when HOST opens it up", () => {
    const line = devSignInNotice(serverConfig({ LATCHKEY_DEV_SIGNIN: "1", HOST: "0.0.0.0" }))!;
    expect(line).toContain("listening on 0.0.0.0 because HOST says so: anyone who can reach it");
  });
});
