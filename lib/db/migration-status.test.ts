import { describe, expect, it } from "vitest";
import { cachedMigrationStatus, type MigrationStatus } from "./migration-status";

const ok: MigrationStatus = { applied: ["a"], pending: [], unknown: [] };

describe("cachedMigrationStatus", () => {
  it("reads at most once per ttl, then again", async () => {
    let reads = 0;
    const status = cachedMigrationStatus(async () => (reads++, ok), 50);
    await Promise.all([status(), status(), status()]);
    expect(reads).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await status();
    expect(reads).toBe(2);
  });

  it("keeps no failed read: the next call reads again", async () => {
    let fail = true;
    const status = cachedMigrationStatus(async () => {
      if (fail) throw new Error("the database does not answer");
      return ok;
    }, 60_000);
    await expect(status()).rejects.toThrow("the database does not answer");
    fail = false;
    expect(await status()).toEqual(ok);
  });
});
