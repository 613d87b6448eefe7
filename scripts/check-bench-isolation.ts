// `npm run bench:check-isolation [-- token|portal ...]`: runs the benchmarks beside a live
// `npm start` of this checkout's own build (.next) and proves they leave it alone: the
// server keeps answering (a page and every script it loads, and the token service's
// discovery) all along, and every file under .next is byte for byte what it was.
// Fails (exit code 1) otherwise. Needs `npm run build` first; LIVE_PORT (default 3296).
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const LIVE_DIST_DIR = ".next";
const PORT = Number(process.env.LIVE_PORT ?? 3296);
const BASE = `http://127.0.0.1:${PORT}`;
const DATA_DIR = path.resolve("data/isolation-live");
const DATABASE_URL = `file:${path.join(DATA_DIR, "latchkey.db")}`;
const BENCHES = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["token", "portal"];
const BIN = path.resolve("node_modules/.bin");
const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ""}`, NEXT_TELEMETRY_DISABLED: "1" };
// The live server is the installation's own: .next, whatever the caller's shell says.
delete env.NEXT_DIST_DIR;

/** sha256 of every file's path and content under dir. */
function fingerprint(dir: string): { files: number; hash: string } {
  const hash = createHash("sha256");
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(file)).update("\0");
  return { files: files.length, hash: hash.digest("hex") };
}

async function answers(): Promise<string | undefined> {
  try {
    const page = await fetch(`${BASE}/signin`, { signal: AbortSignal.timeout(10_000) });
    if (!page.ok) return `/signin answered ${page.status}`;
    const scripts = [...(await page.text()).matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!);
    if (scripts.length === 0) return "/signin loads no script";
    for (const src of scripts) {
      const script = await fetch(new URL(src, BASE), { signal: AbortSignal.timeout(10_000) });
      if (!script.ok) return `${src} answered ${script.status}`;
    }
    const discovery = await fetch(`${BASE}/identity/.well-known/openid-configuration`, { signal: AbortSignal.timeout(10_000) });
    return discovery.ok ? undefined : `discovery answered ${discovery.status}`;
  } catch (error) {
    return `no answer (${(error as Error).message})`;
  }
}

async function main(): Promise<number> {
  if (!existsSync(path.join(LIVE_DIST_DIR, "BUILD_ID"))) throw new Error("No build in .next: run npm run build first");
  const before = fingerprint(LIVE_DIST_DIR);
  const buildId = readFileSync(path.join(LIVE_DIST_DIR, "BUILD_ID"), "utf8");
  console.log(`Live build ${buildId}: ${before.files} files, sha256 ${before.hash}`);

  rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(DATA_DIR, { recursive: true });
  execFileSync("node", ["scripts/prisma-offline.mjs", "migrate", "deploy"], { env: { ...env, DATABASE_URL }, stdio: "ignore" });
  const live: ChildProcess = spawn("npm", ["start"], {
    env: { ...env, PORT: String(PORT), HOST: "127.0.0.1", LATCHKEY_BASE_URL: BASE, DATABASE_URL, LATCHKEY_DATA_DIR: DATA_DIR },
    detached: true,
    stdio: ["ignore", openSync(path.join(DATA_DIR, "server.log"), "w"), "inherit"],
  });
  const checks = { ok: 0, failed: [] as string[] };
  try {
    for (let waited = 0; (await answers()) !== undefined; waited += 250) {
      if (waited > 180_000) throw new Error(`The live server did not answer on ${BASE}; see ${DATA_DIR}/server.log`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    let benchmarking = true;
    const poller = (async () => {
      while (benchmarking) {
        const problem = await answers();
        if (problem) checks.failed.push(`${new Date().toISOString()} ${problem}`);
        else checks.ok++;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    })();
    for (const bench of BENCHES) {
      console.log(`\n=== npm run bench:${bench} (live server on ${BASE}) ===`);
      // Not execFileSync: the checks of the live server must go on meanwhile. A benchmark's
      // result is its own business here; only what it does to the live server counts.
      const code = await new Promise((resolve) => spawn("npm", ["run", "-s", `bench:${bench}`], { env, stdio: "inherit" }).on("exit", resolve));
      if (code !== 0) console.log(`bench:${bench} failed (exit code ${code}); carrying on with the check`);
    }
    benchmarking = false;
    await poller;
  } finally {
    process.kill(-live.pid!, "SIGTERM");
  }
  const after = fingerprint(LIVE_DIST_DIR);
  const untouched = after.hash === before.hash && readFileSync(path.join(LIVE_DIST_DIR, "BUILD_ID"), "utf8") === buildId;
  console.log(
    `\nLive server: ${checks.ok} checks answered, ${checks.failed.length} failed${checks.failed.length ? `:\n  ${checks.failed.slice(0, 10).join("\n  ")}` : ""}`,
  );
  console.log(`.next after: ${after.files} files, sha256 ${after.hash}: ${untouched ? "untouched" : "CHANGED"}`);
  return untouched && checks.failed.length === 0 && checks.ok > 0 ? 0 : 1;
}

process.exitCode = await main();
