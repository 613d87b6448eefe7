// After `npm install`/`npm ci`: make the native SQLite driver match the Node.js that runs
// Latchkey (node@24 from node_modules/.bin, see package.json), then generate the Prisma
// clients. npm builds native modules against the machine's own Node headers first, which
// on Node 20 machines gives a module Node 24 refuses to load.
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";

// In a child process: a native module that failed to load once stays failed in this one.
function sqliteLoads() {
  const probe = 'new (require("better-sqlite3"))(":memory:").close()';
  return spawnSync(process.execPath, ["-e", probe], { stdio: "ignore" }).status === 0;
}

if (!sqliteLoads()) {
  // The `node` package ships the full Node distribution for this platform, headers included.
  const platformPackage = readdirSync("node_modules/node/node_modules").find((n) => /^node-(linux|darwin|win)/.test(n));
  const headers = path.resolve("node_modules/node/node_modules", platformPackage ?? "missing-node-platform-package");
  console.log(`Rebuilding better-sqlite3 for Node ${process.version} …`);
  execFileSync("npm", ["rebuild", "better-sqlite3", `--nodedir=${headers}`], { stdio: "inherit" });
  if (!sqliteLoads()) throw new Error("better-sqlite3 still does not load after rebuilding");
}

await import("./generate-prisma.mjs").then(({ generatePrismaClients }) => generatePrismaClients());
