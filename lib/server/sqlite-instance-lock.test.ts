import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Each instance is its own process, as in production: the lock is the kernel's, per process.
const HOLD = `import { holdSqliteInstanceLock } from "${path.resolve("lib/server/sqlite-instance-lock.ts")}";
const refusal = holdSqliteInstanceLock(process.env);
console.log(refusal ?? "held");
if (!refusal && process.argv.includes("--stay")) setInterval(() => {}, 1000);`;

const dir = mkdtempSync(path.join(tmpdir(), "latchkey-lock-"));
const script = path.join(dir, "hold.ts");
writeFileSync(script, HOLD);

// Node itself (not the tsx command, whose child would outlive a kill) with tsx's loader.
function tsxArgs(...extra: string[]) {
  return ["--import", "tsx", script, ...extra];
}

describe("one instance per SQLite file", () => {
  it("refuses a second instance while the first runs, and lets one start once it is killed", async () => {
    const env = { ...process.env, DATABASE_URL: `file:${path.join(dir, "latchkey.db")}`, LATCHKEY_DATA_DIR: dir, TSX_TSCONFIG_PATH: "tsconfig.node.json" };
    const first = spawn(process.execPath, tsxArgs("--stay"), { env });
    await new Promise<void>((resolve) => first.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("held") && resolve()));
    const second = spawnSync(process.execPath, tsxArgs(), { env, encoding: "utf8" });
    expect(second.stdout).toMatch(/another Latchkey instance is running on the SQLite database .*latchkey\.db.*use PostgreSQL/);
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    expect(spawnSync(process.execPath, tsxArgs(), { env, encoding: "utf8" }).stdout.trim()).toBe("held");
  }, 30_000);
});
