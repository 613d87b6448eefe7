import { describe, expect, it } from "vitest";
import { sessionConfig } from "@/lib/config";

describe("sessionConfig", () => {
  it("defaults to a 12-hour lifetime and a 2-hour idle timeout", () => {
    expect(sessionConfig({ NODE_ENV: "production" })).toEqual({ lifetimeSeconds: 43_200, idleSeconds: 7_200 });
  });

  it("takes both from the environment, in seconds", () => {
    expect(sessionConfig({ NODE_ENV: "production", LATCHKEY_SESSION_LIFETIME: "3600", LATCHKEY_SESSION_IDLE_TIMEOUT: " 600 " })).toEqual({
      lifetimeSeconds: 3600,
      idleSeconds: 600,
    });
  });

  it("refuses a value that is not a whole number of seconds, naming the variable", () => {
    expect(() => sessionConfig({ NODE_ENV: "production", LATCHKEY_SESSION_LIFETIME: "12h" })).toThrow(
      'LATCHKEY_SESSION_LIFETIME must be a whole number of at least 1, not "12h"',
    );
    expect(() => sessionConfig({ NODE_ENV: "production", LATCHKEY_SESSION_IDLE_TIMEOUT: "0" })).toThrow(/LATCHKEY_SESSION_IDLE_TIMEOUT/);
  });
});
