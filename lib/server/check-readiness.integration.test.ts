import { describe, expect, it } from "vitest";
import { checkReadiness } from "./check-readiness";

const serving = { stopping: false, listening: true, hasSigningKey: () => true };

describe("readiness", () => {
  it("is ready when the database answers and a signing key is loaded", async () => {
    expect(await checkReadiness(serving)).toEqual({ ready: true });
  });

  it("says why not: starting, shutting down, no signing key", async () => {
    expect(await checkReadiness({ ...serving, listening: false })).toEqual({ ready: false, reason: "starting" });
    expect(await checkReadiness({ ...serving, stopping: true })).toEqual({ ready: false, reason: "shutting down" });
    expect(await checkReadiness({ ...serving, hasSigningKey: () => false })).toEqual({ ready: false, reason: "no signing key is loaded" });
  });
});
