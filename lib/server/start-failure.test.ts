// A server process that cannot start (here: its database is out of reach) stops, and a
// cluster's primary stops with it instead of replacing its workers in a loop: the restart
// belongs to systemd's policy, with its back-off, and the reason stays the last line seen.
import { describe, expect, it } from "vitest";
import { runServerUntilExit } from "@/lib/testing/run-server-until-exit";

const UNREACHABLE = "postgresql://postgres@127.0.0.1:1/latchkey_unreachable_test";

describe("a start that fails", () => {
  it("stops a lone process and a cluster alike, with a non-zero exit code", { timeout: 120_000 }, async () => {
    for (const workers of ["1", "2"]) {
      const exit = await runServerUntilExit({ DATABASE_URL: UNREACHABLE, LATCHKEY_WORKERS: workers });
      expect(exit.code, exit.stderr).toBe(1);
      expect(exit.stderr).toContain("Can't reach database server at 127.0.0.1:1");
      expect(exit.stdout).not.toContain("starting another");
      expect(exit.stdout).not.toMatch(/Latchkey .*on http/);
      if (workers === "2") expect(exit.stdout).toMatch(/"msg":"Latchkey worker \d+ failed to start: stopping"/);
    }
  });
});
