// `npm run bench:portal`: how fast the clients list answers with BENCH_CLIENTS clients
// (default 10,000) and three secrets each, and how much JavaScript the clients pages load.
// SQLite by default; a DATABASE_URL naming a local PostgreSQL test database runs it there
// (it is emptied first). A benchmark, not a test: it prints figures (last line: one JSON
// object) and fails only if it cannot run.
// BENCH_SKIP_BUILD=1 reuses the existing build in .next-bench; BENCH_REQUESTS sets the count.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { resetTestDatabase } from "@/lib/testing/reset-test-database";
import { BENCH_DIST_DIR, buildForBench } from "./bench-build";

const PORT = Number(process.env.BENCH_PORT ?? 3299);
const BASE = `http://localhost:${PORT}`;
// Its own build folder, so a live server started from this checkout is never touched.
const DIST_DIR = BENCH_DIST_DIR;
const DATA_DIR = path.resolve("data/bench");
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 10_000);
// Production runs PostgreSQL: a postgres URL is used as given (resetTestDatabase accepts only
// a local database whose name says "test"); anything else means the benchmark's SQLite file.
const DATABASE_URL = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "") ? process.env.DATABASE_URL! : `file:${path.resolve("data/bench-portal.db")}`;
const DATABASE = DATABASE_URL.startsWith("file:") ? "sqlite" : "postgres";
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 60);
const WARM_UP = 5;
const TARGETS = { medianMs: 150, p95Ms: 300, firstLoadJsKb: 250 };
const BIN = path.resolve("node_modules/.bin");
const env = { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ""}`, NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: DIST_DIR };

let server: ChildProcess | undefined;

async function main() {
  // 1. A fresh database, seeded. DATABASE_URL first: lib/db/prisma connects on import.
  rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(DATA_DIR, { recursive: true });
  await resetTestDatabase(DATABASE_URL);
  process.env.DATABASE_URL = DATABASE_URL;
  const { seedBenchTenant } = await import("./bench-portal-seed");
  if (!Number.isInteger(CLIENTS) || CLIENTS < 100) throw new Error(`BENCH_CLIENTS must be a whole number of at least 100, not ${process.env.BENCH_CLIENTS}`);
  const tenant = await seedBenchTenant(CLIENTS, 3 * CLIENTS);
  log(`Seeded tenant "${tenant.slug}": ${tenant.clients} clients, ${tenant.secrets} secrets in ${tenant.seedMs} ms`);

  // 2. The production build and server, as `npm run build` / `npm start` run them.
  if (process.env.BENCH_SKIP_BUILD !== "1") {
    log(`Building into ${DIST_DIR} …`);
    buildForBench(env);
  }
  server = await startServer();
  const cookie = await signIn(tenant.adminEmail);

  // 3. Response times, one request at a time, to the end of the body.
  const list = `/t/${tenant.slug}/clients`;
  const search = "Historian 01";
  const routes = {
    list: { path: list, expect: ofClients(tenant.clients) },
    search: { path: `${list}?q=${encodeURIComponent(search)}`, expect: ofClients(tenant.matching(search)) },
    filter: { path: `${list}?type=hybrid`, expect: ofClients(tenant.ofType("hybrid")) },
    deepPage: { path: `${list}?type=client-credentials&page=200`, expect: ofClients(tenant.ofType("client-credentials")) },
  };
  const timings: Record<string, number[]> = {};
  for (const [name, route] of Object.entries(routes)) timings[name] = await measure(route.path, route.expect, cookie);

  // 4. First-load JavaScript: every <script src> of each page, gzipped.
  const listJs = await firstLoadJs(list, cookie);
  const newJs = await firstLoadJs(`${list}/new`, cookie);

  const stats = Object.fromEntries(Object.entries(timings).map(([name, t]) => [name, { median: percentile(t, 50), p95: percentile(t, 95) }]));
  const firstLoadJsKb = Math.max(listJs.kb, newJs.kb);
  printTable(stats, listJs, newJs);
  const result = {
    listMedianMs: stats.list!.median,
    listP95Ms: stats.list!.p95,
    searchMedianMs: stats.search!.median,
    searchP95Ms: stats.search!.p95,
    filterMedianMs: stats.filter!.median,
    filterP95Ms: stats.filter!.p95,
    deepPageMedianMs: stats.deepPage!.median,
    deepPageP95Ms: stats.deepPage!.p95,
    firstLoadJsKb,
    listFirstLoadJsKb: listJs.kb,
    newFirstLoadJsKb: newJs.kb,
    requests: REQUESTS,
    clients: tenant.clients,
    secrets: tenant.secrets,
    database: DATABASE,
    seedMs: tenant.seedMs,
  };
  console.log(JSON.stringify(result));
}

const clientCountText = (total: number) => total.toLocaleString("en-US");

/** How the list's footer states a total (components/clients/clients-pagination.tsx). */
function ofClients(total: number): string {
  return `of ${clientCountText(total)} clients`;
}

function log(message: string) {
  console.log(message);
}

async function startServer(): Promise<ChildProcess> {
  const output = createWriteStream(path.join(DATA_DIR, "server.log"));
  // Its own process group, so stopping it stops npm and the server processes together.
  const child = spawn("npm", ["start"], {
    env: {
      ...env,
      PORT: String(PORT),
      LATCHKEY_MANAGEMENT_PORT: String(PORT + 2000),
      LATCHKEY_BASE_URL: BASE,
      LATCHKEY_DEV_SIGNIN: "1",
      DATABASE_URL,
      LATCHKEY_DATA_DIR: DATA_DIR,
    },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.pipe(output);
  child.stderr!.pipe(output);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited (code ${child.exitCode}); see ${DATA_DIR}/server.log`);
    try {
      if ((await fetch(`${BASE}/signin`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The server did not answer on ${BASE} within 60 s; see ${DATA_DIR}/server.log`);
}

async function stopServer() {
  const child = server;
  server = undefined;
  if (!child?.pid || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return; // already gone
  }
  const timeout = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }, 5_000);
  await exited;
  clearTimeout(timeout);
}

/** next-auth's development credentials sign-in (as e2e/support/fixtures.ts signInAs does), with a tiny cookie jar. */
async function signIn(email: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const callback = await fetch(`${BASE}/api/auth/callback/dev`, {
    method: "POST",
    headers: { cookie: header(), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, csrfToken, callbackUrl: "/", json: "true" }),
    redirect: "manual",
  });
  keep(callback);
  const session = (await (await fetch(`${BASE}/api/auth/session`, { headers: { cookie: header() } })).json()) as { user?: { email?: string } };
  if (session.user?.email !== email) throw new Error(`Sign-in as ${email} failed (status ${callback.status})`);
  return header();
}

async function measure(pathAndQuery: string, expected: string, cookie: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < WARM_UP + REQUESTS; i++) {
    const started = performance.now();
    const response = await fetch(`${BASE}${pathAndQuery}`, { headers: { cookie }, redirect: "manual" });
    const body = await response.text();
    const elapsed = performance.now() - started;
    // A redirect to sign-in or an error page would be fast and meaningless: refuse it.
    if (response.status !== 200 || !body.includes(expected))
      throw new Error(`GET ${pathAndQuery}: status ${response.status}, "${expected}" ${body.includes(expected) ? "found" : "missing"}`);
    if (i >= WARM_UP) times.push(elapsed);
  }
  return times;
}

async function firstLoadJs(pathAndQuery: string, cookie: string) {
  const html = await (await fetch(`${BASE}${pathAndQuery}`, { headers: { cookie } })).text();
  const sources = [...new Set([...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&")))];
  if (!sources.length) throw new Error(`No <script src> in ${pathAndQuery}`);
  let bytes = 0;
  for (const src of sources) bytes += gzipSync(Buffer.from(await (await fetch(new URL(src, BASE))).arrayBuffer())).length;
  return { path: pathAndQuery, files: sources.length, kb: Math.round((bytes / 1024) * 10) / 10 };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const value = sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return Math.round(value * 10) / 10;
}

function printTable(stats: Record<string, { median: number; p95: number }>, ...js: { path: string; files: number; kb: number }[]) {
  const mark = (ok: boolean) => (ok ? "ok" : "OVER TARGET");
  console.log(
    `\nClients list, ${REQUESTS} requests each (after ${WARM_UP} warm-up), ${DATABASE === "sqlite" ? "SQLite" : "PostgreSQL"}, ${CLIENTS.toLocaleString("en-US")} clients:`,
  );
  console.log(`${"route".padEnd(10)} ${"median ms".padStart(10)} ${"p95 ms".padStart(8)}  targets ≤ ${TARGETS.medianMs} / ≤ ${TARGETS.p95Ms}`);
  for (const [name, s] of Object.entries(stats)) {
    console.log(
      `${name.padEnd(10)} ${String(s.median).padStart(10)} ${String(s.p95).padStart(8)}  ${mark(s.median <= TARGETS.medianMs && s.p95 <= TARGETS.p95Ms)}`,
    );
  }
  console.log(`\nFirst-load JavaScript (gzipped), target ≤ ${TARGETS.firstLoadJsKb} kB:`);
  for (const page of js)
    console.log(`${page.path.padEnd(28)} ${String(page.kb).padStart(7)} kB in ${page.files} files  ${mark(page.kb <= TARGETS.firstLoadJsKb)}`);
  console.log("");
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void stopServer().finally(() => process.exit(130)));
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await stopServer();
}
