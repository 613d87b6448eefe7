// `npm run bench:token`: how many client_credentials tokens per second the production
// server issues (POST /identity/token, client_secret_basic, ES256 JWT access tokens) for
// one tenant of BENCH_CLIENTS clients (default 1,000) with 3 secrets each, at what latency,
// event-loop delay and peak memory, next to two references measured in the same run under
// the same load:
//   (a) stock oidc-provider, same version, the same clients static in memory with
//       plaintext secrets, one cluster worker per core (scripts/bench-token-stock.ts);
//   (b) the signing ceiling: jose signing the same kind of JWT on every core, no HTTP
//       (scripts/bench-token-sign.ts).
// A benchmark, not a test: it prints figures (last line: one JSON object) and fails only
// if it cannot run, or if a spot-checked token is wrong. Missed targets are printed.
//
// BENCH_PATTERN says which requests are sent:
//   warm (default): round robin over every client and, on each pass, its next secret. The
//     warm-up runs in chunks of BENCH_WARMUP_SECONDS until a chunk reads no client from the
//     database on any worker (≤ 0.1 % of its requests are cache misses, from /metrics), at
//     most BENCH_WARMUP_MAX_SECONDS (default 60): the figure is the warm path, not the
//     cache's fill. Stock oidc-provider warms up as long as Latchkey needed.
//   cold: every measured request names a client not used before in the run (devices that
//     each fetch one token per lifetime). The first tenth of the clients (at most 1,000)
//     is the warm-up set: the spot checks and a BENCH_WARMUP_SECONDS round robin over them
//     warm the code, not the measured clients. The measured window sends each other client
//     once, with its secrets in turn, and ends after BENCH_SECONDS or when they run out,
//     whichever comes first (with 1,000 clients, 900 requests).
// Latchkey and stock run side by side once both are warm: the measured window is four rounds
// of BENCH_SECONDS / 4, the two servers taking turns (each going first every other round), so
// a machine that speeds up or slows down meanwhile does so for both (runs minutes apart
// differed by up to 1.8× on the shared 2-vCPU machine). p99 is the worst round's.
//
// The event-loop delay is the worst worker's p99 (and max), at 1 ms resolution
// (lib/metrics/event-loop-delay.ts), read from the management /metrics before and after a
// phase. Under saturation it is how long one turn of the loop takes to answer what queued
// during the previous one (tens of milliseconds at 64 connections, whatever the server), so
// it is printed but is not the target's figure: what blocks a loop ("last used" writes, the
// versions' read, a cache refresh, a long GC pause) is measured after the window, in a paced
// phase of BENCH_PACED_SECONDS (default 10: two "last used" flushes, twenty version reads)
// at a quarter of the measured throughput, which the server keeps up with. It goes on with
// the same pattern (cold: the next unused clients, from the first again if they run out).
//
// SQLite (data/bench-token.db) unless DATABASE_URL is a postgres:// URL of a local test
// database, which is then wiped and used. BENCH_SKIP_BUILD=1 reuses the build in .next-bench;
// BENCH_SECONDS (default 20), BENCH_WARMUP_SECONDS (default 5), BENCH_PORT (default 3298),
// BENCH_STOCK_PORT (default 3297). The load generator is autocannon, in this process, on
// the same machine as the server: that is what the targets assume.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { build } from "esbuild";
import { calculateJwkThumbprint, createLocalJWKSet, decodeProtectedHeader, exportJWK, generateKeyPair, jwtVerify, type JSONWebKeySet } from "jose";
import { redact, resetTestDatabase } from "@/lib/testing/reset-test-database";
import type { BenchClient } from "./bench-token-seed";
import type { SignWorkerInput, SignWorkerResult } from "./bench-token-sign";
import { BENCH_DIST_DIR, buildForBench } from "./bench-build";
import { autocannon, type AutocannonInstance, type AutocannonResult } from "./autocannon";
import { pacedLoad } from "./paced-load";

const HOST = "127.0.0.1";
const PORT = Number(process.env.BENCH_PORT ?? 3298);
const STOCK_PORT = Number(process.env.BENCH_STOCK_PORT ?? 3297);
const TOKEN_PATH = "/identity/token";
const DISCOVERY_PATH = "/identity/.well-known/openid-configuration";
// Its own build folder, so a live server started from this checkout is never touched.
const DIST_DIR = BENCH_DIST_DIR;
const DATA_DIR = path.resolve("data/bench-token");
const SQLITE_URL = `file:${path.resolve("data/bench-token.db")}`;
// Only a PostgreSQL URL is taken from the caller: a DATABASE_URL left in the shell for
// the development database must never be the file this benchmark wipes.
const DATABASE_URL = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "") ? process.env.DATABASE_URL! : SQLITE_URL;
const DATABASE = DATABASE_URL === SQLITE_URL ? "sqlite" : "postgresql";
const SECONDS = secondsFromEnv("BENCH_SECONDS", 20);
const WARM_UP_SECONDS = secondsFromEnv("BENCH_WARMUP_SECONDS", 5);
const PACED_SECONDS = secondsFromEnv("BENCH_PACED_SECONDS", 10);
const ROUNDS = 4;
const ROUND_SECONDS = SECONDS / ROUNDS;
const PACED_SHARE = 0.25;
const SIGN_SECONDS = 5;
const CONNECTIONS = 64;
const CLIENTS = countFromEnv("BENCH_CLIENTS", 1_000);
const PATTERN = patternFromEnv();
const WARM_UP_MAX_SECONDS = secondsFromEnv("BENCH_WARMUP_MAX_SECONDS", 60);
/** Cold runs: the clients of the warm-up and spot checks, never sent in the measured window. */
const COLD_WARM_UP_CLIENTS = Math.min(1_000, Math.ceil(CLIENTS / 10));
/** A warm-up chunk with no more misses than this share of its requests leaves the cache warm. */
const WARM_MISS_RATE = 0.001;
const SECRETS_PER_CLIENT = 3;
const CORES = os.availableParallelism();
const SAMPLE_MS = 200;
// Server memory is judged by PSS, each resident page counted once across the processes;
// summed RSS (also printed) counts Node's binary and shared libraries once per process.
const TARGETS = { ratioToBaseline: 1.0, p99Ms: 40, errors: 0, peakPssMb: 400, eventLoopDelayP99Ms: 5 };
const BIN = path.resolve("node_modules/.bin");
// node_modules/.bin first, as under `npm run`: it holds Node 24 and tsx.
const env = { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ""}`, NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: DIST_DIR };
// autocannon ships no type declarations; the little of its API used here is typed below.

/** Process groups started by this run, stopped on the way out whatever happens. */
const groups = new Set<ChildProcess>();
const threads = new Set<Worker>();
let load: AutocannonInstance | undefined;
let interrupted = false;

async function main() {
  log(
    `Token benchmark: ${CLIENTS} clients × ${SECRETS_PER_CLIENT} secrets, ${PATTERN} pattern, on ${DATABASE} (${redact(DATABASE_URL)}), ${CONNECTIONS} connections, ${SECONDS} s after ${WARM_UP_SECONDS} s warm-up, ${CORES} cores`,
  );

  // 1. A fresh database, seeded. DATABASE_URL first: lib/db/prisma connects on import.
  rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(DATA_DIR, { recursive: true });
  await resetTestDatabase(DATABASE_URL);
  process.env.DATABASE_URL = DATABASE_URL;
  const { seedTokenBenchTenant } = await import("./bench-token-seed");
  const tenant = await seedTokenBenchTenant(CLIENTS, SECRETS_PER_CLIENT);
  log(
    `Seeded tenant "${tenant.slug}" in bulk through the domain's validation: ${tenant.clients.length} clients, ${tenant.clients.length * SECRETS_PER_CLIENT} secrets in ${(tenant.seedMs / 1000).toFixed(1)} s`,
  );

  // 2. The production build, as `npm run build` makes it.
  if (process.env.BENCH_SKIP_BUILD !== "1") {
    log(`Building into ${DIST_DIR} …`);
    buildForBench(env);
  }

  // 3. Latchkey, started as `npm start` starts it. Warm: request k uses client k mod N and,
  // on each pass over the clients, that client's next secret. Cold: see the header.
  const base = `http://${HOST}:${PORT}`;
  const checked = PATTERN === "cold" ? tenant.clients.slice(0, COLD_WARM_UP_CLIENTS) : tenant.clients;
  const latchkeyServer = await prepareServer({
    name: "Latchkey",
    base,
    log: path.join(DATA_DIR, "server.log"),
    start: (logFile) => startLatchkey(base, logFile),
    spotCheck: (jwks) => spotCheck(base, jwks, checked, SECRETS_PER_CLIENT, { tenant: tenant.slug }),
    plan: loadPlan(tenant.clients, SECRETS_PER_CLIENT),
    metricsUrl: `http://${HOST}:${PORT + 2000}/metrics`,
    usesDatabase: true,
  });

  // 4. Stock oidc-provider under the same load, beside it. A static client holds a single
  // secret, so each stock client gets its first one and is always sent that one.
  const stockBase = `http://${HOST}:${STOCK_PORT}`;
  const stockClients = tenant.clients.map((c) => ({ clientId: c.clientId, secrets: c.secrets.slice(0, 1) }));
  let stockServer: Prepared | undefined;
  let latchkey: Measured;
  let stock: Measured;
  try {
    stockServer = await prepareServer({
      name: "stock oidc-provider",
      base: stockBase,
      log: path.join(DATA_DIR, "stock.log"),
      start: (logFile) => startStock(stockClients, logFile),
      spotCheck: (jwks) => spotCheck(stockBase, jwks, PATTERN === "cold" ? stockClients.slice(0, COLD_WARM_UP_CLIENTS) : stockClients, 1, {}),
      plan: loadPlan(stockClients, 1),
      warmUpChunks: latchkeyServer.warmUp.chunks,
      usesDatabase: false,
    });
    // The measured window in ROUNDS rounds, the two servers taking turns (each starting every
    // other round), so a machine that speeds up or slows down meanwhile does so for both.
    log(`Measuring both in ${ROUNDS} alternating rounds of ${ROUND_SECONDS} s …`);
    for (let round = 0; round < ROUNDS; round++) {
      for (const server of round % 2 === 0 ? [latchkeyServer, stockServer] : [stockServer, latchkeyServer]) await measureRound(server);
    }
    latchkey = await finishServer(latchkeyServer);
    stock = await finishServer(stockServer);
  } finally {
    await Promise.all([latchkeyServer, stockServer].map((server) => server && stopGroup(server.child)));
  }

  // 5. The signing ceiling, with no server running.
  const signsPerSecond = await signingCeiling(`${base}/identity`, `${base}/api`);

  const result = {
    tokensPerSecond: latchkey.tokensPerSecond,
    p50Ms: latchkey.p50Ms,
    p99Ms: latchkey.p99Ms,
    errors: latchkey.errors,
    peakRssMb: latchkey.peakRssMb,
    peakPssMb: latchkey.peakPssMb,
    baselineTokensPerSecond: stock.tokensPerSecond,
    ratioToBaseline: ratio(latchkey.tokensPerSecond, stock.tokensPerSecond),
    signsPerSecond,
    ratioToSigning: ratio(latchkey.tokensPerSecond, signsPerSecond),
    baselineP50Ms: stock.p50Ms,
    baselineP99Ms: stock.p99Ms,
    baselineErrors: stock.errors,
    baselinePeakRssMb: stock.peakRssMb,
    baselinePeakPssMb: stock.peakPssMb,
    startRssMb: latchkey.startRssMb,
    baselineStartRssMb: stock.startRssMb,
    processes: latchkey.peakProcesses.length,
    baselineProcesses: stock.peakProcesses.length,
    otherCpuPercent: latchkey.otherCpuPercent,
    baselineOtherCpuPercent: stock.otherCpuPercent,
    serverCpuPercent: latchkey.serverCpuPercent,
    databaseCpuPercent: latchkey.databaseCpuPercent,
    baselineServerCpuPercent: stock.serverCpuPercent,
    loadGeneratorCpuPercent: latchkey.loadGeneratorCpuPercent,
    baselineLoadGeneratorCpuPercent: stock.loadGeneratorCpuPercent,
    requests: latchkey.requests,
    baselineRequests: stock.requests,
    eventLoopDelayP99Ms: latchkey.eventLoopDelayP99Ms,
    eventLoopDelayMaxMs: latchkey.eventLoopDelayMaxMs,
    saturatedEventLoopDelayP99Ms: latchkey.saturatedEventLoopDelayP99Ms,
    pacedTokensPerSecond: latchkey.pacedTokensPerSecond,
    pacedP99Ms: latchkey.pacedP99Ms,
    cacheMissRate: latchkey.cacheMissRate,
    warmUpCacheMissRate: latchkey.warmUpCacheMissRate,
    seconds: latchkey.seconds,
    baselineSeconds: stock.seconds,
    warmUpSeconds: latchkey.warmUpSeconds,
    connections: CONNECTIONS,
    clients: CLIENTS,
    pattern: PATTERN,
    measuredClients: PATTERN === "cold" ? CLIENTS - COLD_WARM_UP_CLIENTS : CLIENTS,
    secretsPerClient: SECRETS_PER_CLIENT,
    database: DATABASE,
    workers: CORES,
    seedMs: tenant.seedMs,
  };
  printReport(result, latchkey, stock);
  console.log(JSON.stringify(result));
}

function log(message: string) {
  console.log(message);
}

function secondsFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number of seconds, not "${raw}"`);
  return value;
}

function countFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw.replaceAll(/[_,]/g, ""));
  if (!Number.isInteger(value) || value < 100) throw new Error(`${name} must be a whole number of at least 100, not "${raw}"`);
  return value;
}

function patternFromEnv(): "warm" | "cold" {
  const raw = process.env.BENCH_PATTERN || "warm";
  if (raw !== "warm" && raw !== "cold") throw new Error(`BENCH_PATTERN must be warm or cold, not "${raw}"`);
  return raw;
}

function ratio(a: number, b: number): number {
  return b > 0 ? Math.round((a / b) * 1000) / 1000 : 0;
}

/** What each phase sends: warm-up and measured window, and whether the window's list may wrap around. */
type LoadPlan = { warmUp: string[]; measured: string[]; cycle: boolean };

function loadPlan(clients: BenchClient[], secretsPerClient: number): LoadPlan {
  if (PATTERN === "warm") {
    const all = roundRobin(clients, secretsPerClient);
    return { warmUp: all, measured: all, cycle: true };
  }
  // Cold: each measured client once, its secrets taken in turn from one client to the next.
  const measured = clients
    .slice(COLD_WARM_UP_CLIENTS)
    .map((c, i) => `Basic ${Buffer.from(`${c.clientId}:${c.secrets[i % secretsPerClient]!}`).toString("base64")}`);
  return { warmUp: roundRobin(clients.slice(0, COLD_WARM_UP_CLIENTS), secretsPerClient), measured, cycle: false };
}

/**
 * The Authorization headers in sending order: all clients with their first secret, then
 * all with their second, and so on, so consecutive requests never reuse a client (no
 * help from any per-client cache) and every secret is used as often as the others.
 */
function roundRobin(clients: BenchClient[], secretsPerClient: number): string[] {
  const headers: string[] = [];
  for (let s = 0; s < secretsPerClient; s++) {
    for (const c of clients) headers.push(`Basic ${Buffer.from(`${c.clientId}:${c.secrets[s]!}`).toString("base64")}`);
  }
  return headers;
}

// ---------------------------------------------------------------------------------------
// One server under load: start, check, warm up, measure, stop.

type ServerRun = {
  name: string;
  base: string;
  log: string;
  start: (logFile: string) => ChildProcess | Promise<ChildProcess>;
  spotCheck: (jwks: JSONWebKeySet) => Promise<void>;
  plan: LoadPlan;
  /** Latchkey's management /metrics: cache misses (is it warm?) and event-loop delay. */
  metricsUrl?: string;
  /** Warm pattern without metrics (stock): as many warm-up chunks as Latchkey needed. */
  warmUpChunks?: number;
  /** Whether PostgreSQL's CPU is this server's work (Latchkey) or someone else's (stock). */
  usesDatabase: boolean;
};

type Measured = {
  tokensPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  requests: number;
  statusCodes: Record<string, number>;
  startRssMb: number;
  peakRssMb: number;
  peakPssMb: number;
  peakProcesses: ProcessRss[];
  serverCpuPercent: number;
  loadGeneratorCpuPercent: number;
  /** PostgreSQL's processes (all its databases), on PostgreSQL runs of Latchkey; 0 otherwise. */
  databaseCpuPercent: number;
  /** CPU that neither the server nor this process used during the run: other work on the machine. */
  otherCpuPercent: number;
  /** The measured window's length: from its start to its last answer. */
  seconds: number;
  warmUpSeconds: number;
  warmUpChunks: number;
  /** The worst worker's event-loop delay in the paced phase (null without metrics: stock). */
  eventLoopDelayP99Ms: number | null;
  eventLoopDelayMaxMs: number | null;
  /** The same in the measured (saturated) window. */
  saturatedEventLoopDelayP99Ms: number | null;
  /** The paced phase's rate and latency. */
  pacedTokensPerSecond: number | null;
  pacedP99Ms: number | null;
  /** Client lookups that read the database, per request: in the window, and in the warm-up's last chunk. */
  cacheMissRate: number | null;
  warmUpCacheMissRate: number | null;
};

/** A started, checked and warmed-up server, and what its measured rounds have added up. */
type Prepared = {
  run: ServerRun;
  child: ChildProcess;
  started: ProcessRss[];
  warmUp: Awaited<ReturnType<typeof warmUpServer>>;
  nextAuthorization: () => string;
  /** How many requests the measured rounds have sent (cold: clients used). */
  sent: () => number;
  rounds: Round[];
};
type Round = {
  result: AutocannonResult & { seconds: number };
  memory: ReturnType<ReturnType<typeof startRssSampler>["stop"]>;
  loadGeneratorSeconds: number;
  misses: number;
  eventLoopDelayP99: number;
};

async function prepareServer(run: ServerRun): Promise<Prepared> {
  await assertPortFree(run.base);
  log(`${run.name}: starting …`);
  const child = await run.start(run.log);
  try {
    const discovery = await waitForDiscovery(run.base, child, run.log);
    const jwks = (await (await fetch(discovery.jwks_uri)).json()) as JSONWebKeySet;
    await run.spotCheck(jwks);
    const started = sampleTree(child.pid!);
    const warmUp = await warmUpServer(run);
    const { plan } = run;
    // Warm: one counter over warm-up and rounds, which continues the round-robin.
    let next = plan.cycle ? warmUp.sent : 0;
    const nextAuthorization = () => (plan.cycle ? plan.measured[next++ % plan.measured.length]! : plan.measured[Math.min(next++, plan.measured.length - 1)]!);
    return { run, child, started, warmUp, nextAuthorization, sent: () => next - (plan.cycle ? warmUp.sent : 0), rounds: [] };
  } catch (error) {
    await stopGroup(child);
    throw error;
  }
}

/** One measured round of ROUND_SECONDS (cold: at most the clients left). */
async function measureRound(server: Prepared): Promise<void> {
  const { run, child } = server;
  const left = run.plan.cycle ? undefined : run.plan.measured.length - server.sent();
  if (left !== undefined && left <= 0) return;
  const before = run.metricsUrl ? await readMetrics(run.metricsUrl) : undefined;
  const sampler = startRssSampler(child.pid!, run.usesDatabase && DATABASE === "postgresql");
  const cpuBefore = process.cpuUsage();
  const result = await runLoad(run.base, ROUND_SECONDS, server.nextAuthorization, left);
  const cpu = process.cpuUsage(cpuBefore);
  const memory = sampler.stop();
  const after = run.metricsUrl ? await readMetrics(run.metricsUrl) : undefined;
  assertAlive(server);
  server.rounds.push({
    result,
    memory,
    loadGeneratorSeconds: (cpu.user + cpu.system) / 1e6,
    misses: before && after ? after.misses - before.misses : NaN,
    eventLoopDelayP99: after ? after.eventLoopDelayP99 : NaN,
  });
}

// A server that died under load would leave fast, meaningless connection errors.
function assertAlive({ run, child }: Prepared): void {
  if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${run.name} exited during the run; see ${run.log}`);
}

/** The rounds added up (p99: the worst round's), then, with metrics (Latchkey), the paced phase. */
async function finishServer(server: Prepared): Promise<Measured> {
  const { run, rounds, warmUp } = server;
  const sum = (of: (round: Round) => number) => rounds.reduce((total, round) => total + of(round), 0);
  const seconds = Math.max(
    0.001,
    sum((r) => r.result.seconds),
  );
  const ok = sum((r) => r.result["2xx"]);
  const non2xx = sum((r) => r.result.non2xx);
  const tokensPerSecond = Math.round(ok / seconds);
  if (!run.plan.cycle && server.sent() > run.plan.measured.length)
    log(`${run.name}: WARNING: ${server.sent() - run.plan.measured.length} requests reused the last client`);
  const pacedRate = Math.max(1, Math.round(tokensPerSecond * PACED_SHARE));
  const paced = run.metricsUrl ? await pacedPhase(run.base, run.metricsUrl, pacedRate, wrapping(server)) : undefined;
  assertAlive(server);

  // The paced phase's failures count too: a token refused at a quarter of the load is an error.
  const errors = non2xx + sum((r) => r.result.errors) + (paced?.result.failed ?? 0);
  const percent = (value: number) => Math.round((value / seconds) * 100);
  const serverCpuPercent = percent(sum((r) => r.memory.cpuSeconds));
  const loadGeneratorCpuPercent = percent(sum((r) => r.loadGeneratorSeconds));
  const databaseCpuPercent = percent(sum((r) => r.memory.databaseCpuSeconds));
  const machineCpuPercent = percent(sum((r) => r.memory.machineCpuSeconds));
  const peak = rounds.reduce((a, b) => (b.memory.peakKb > a.memory.peakKb ? b : a));
  const misses = sum((r) => r.misses);
  const statusCodes: Record<string, number> = {};
  for (const r of rounds) for (const [code, stat] of Object.entries(r.result.statusCodeStats)) statusCodes[code] = (statusCodes[code] ?? 0) + stat.count;
  const p50s = rounds.map((r) => r.result.latency.p50).sort((a, b) => a - b);
  const measured: Measured = {
    tokensPerSecond,
    p50Ms: p50s[Math.floor(p50s.length / 2)]!,
    p99Ms: Math.max(...rounds.map((r) => r.result.latency.p99)),
    errors,
    requests: ok + non2xx,
    statusCodes,
    startRssMb: mb(server.started.reduce((total, p) => total + p.rssKb, 0)),
    peakRssMb: mb(peak.memory.peakKb),
    peakPssMb: mb(Math.max(...rounds.map((r) => r.memory.peakPssKb))),
    peakProcesses: peak.memory.peakProcesses,
    serverCpuPercent,
    loadGeneratorCpuPercent,
    databaseCpuPercent,
    otherCpuPercent: Math.max(0, machineCpuPercent - serverCpuPercent - databaseCpuPercent - loadGeneratorCpuPercent),
    seconds: Math.round(seconds * 100) / 100,
    warmUpSeconds: warmUp.seconds,
    warmUpChunks: warmUp.chunks,
    eventLoopDelayP99Ms: paced ? milliseconds(paced.metrics.eventLoopDelayP99) : null,
    eventLoopDelayMaxMs: paced ? milliseconds(paced.metrics.eventLoopDelayMax) : null,
    saturatedEventLoopDelayP99Ms: run.metricsUrl ? milliseconds(Math.max(...rounds.map((r) => r.eventLoopDelayP99))) : null,
    pacedTokensPerSecond: paced ? Math.round(paced.result.ok / paced.result.seconds) : null,
    pacedP99Ms: paced ? paced.result.p99Ms : null,
    cacheMissRate: Number.isFinite(misses) ? Math.round((misses / Math.max(1, ok + non2xx)) * 10_000) / 10_000 : null,
    warmUpCacheMissRate: warmUp.missRate,
  };
  log(
    `${run.name}: ${measured.tokensPerSecond} tokens/s over ${measured.seconds} s in ${rounds.length} rounds, p50 ${measured.p50Ms} ms, p99 ${measured.p99Ms} ms, ${errors} errors ` +
      `(${non2xx} non-2xx), peak RSS ${measured.peakRssMb} MB (PSS ${measured.peakPssMb} MB)`,
  );
  return measured;
}

/** The paced phase's requests: the same pattern on (cold: from the first client again once they run out). */
function wrapping(server: Prepared): () => string {
  const { plan } = server.run;
  let next = server.sent();
  return () => plan.measured[next++ % plan.measured.length]!;
}

/** The paced phase (see the header): its load's result and the metrics read after it. */
async function pacedPhase(base: string, metricsUrl: string, rate: number, nextAuthorization: () => string) {
  log(`Latchkey: paced at ${rate} requests/s for ${PACED_SECONDS} s (event-loop delay when not saturated) …`);
  await readMetrics(metricsUrl); // starts the phase's window
  const result = await pacedLoad({
    url: `${base}${TOKEN_PATH}`,
    rate,
    seconds: PACED_SECONDS,
    method: "POST",
    headers: () => ({ "content-type": "application/x-www-form-urlencoded", authorization: nextAuthorization() }),
    body: "grant_type=client_credentials",
    connections: CONNECTIONS,
  });
  const metrics = await readMetrics(metricsUrl);
  if (result.failed) log(`Latchkey: WARNING: ${result.failed} of the paced phase's ${result.sent} requests failed or timed out`);
  log(
    `Latchkey, paced: ${Math.round(result.ok / result.seconds)} tokens/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ` +
      `event-loop delay p99 ${milliseconds(metrics.eventLoopDelayP99)} ms, max ${milliseconds(metrics.eventLoopDelayMax)} ms`,
  );
  return { result, metrics };
}

function milliseconds(seconds: number): number {
  return Math.round(seconds * 10_000) / 10;
}

/** A server left over from an interrupted run would answer in place of the one we start. */
async function assertPortFree(base: string) {
  try {
    await fetch(base, { signal: AbortSignal.timeout(2_000) });
  } catch {
    return; // nothing listening
  }
  throw new Error(`Something already answers on ${base}; stop it or set BENCH_PORT / BENCH_STOCK_PORT`);
}

/**
 * Warm: chunks of BENCH_WARMUP_SECONDS until one has (almost) no cache misses, at most
 * BENCH_WARMUP_MAX_SECONDS; without metrics (stock) the given number of chunks. Cold: one
 * chunk over the warm-up set. Returns how many requests it sent, for the round robin to go on.
 */
async function warmUpServer(run: ServerRun): Promise<{ sent: number; seconds: number; chunks: number; missRate: number | null }> {
  let sent = 0;
  const nextAuthorization = () => run.plan.warmUp[sent++ % run.plan.warmUp.length]!;
  const started = performance.now();
  let chunks = 0;
  let missRate: number | null = null;
  for (;;) {
    log(`${run.name}: warming up for ${WARM_UP_SECONDS} s …`);
    const before = run.metricsUrl ? await readMetrics(run.metricsUrl) : undefined;
    const result = await runLoad(run.base, WARM_UP_SECONDS, nextAuthorization);
    chunks++;
    if (before) {
      const misses = (await readMetrics(run.metricsUrl!)).misses - before.misses;
      missRate = Number.isFinite(misses) ? Math.round((misses / Math.max(1, result["2xx"] + result.non2xx)) * 10_000) / 10_000 : null;
      log(`${run.name}: warm-up chunk ${chunks}: ${result["2xx"]} tokens, ${Number.isFinite(misses) ? misses : "?"} cache misses`);
    }
    const elapsed = (performance.now() - started) / 1000;
    if (PATTERN === "cold") break;
    if (run.metricsUrl === undefined ? chunks >= (run.warmUpChunks ?? 1) : missRate === null || missRate <= WARM_MISS_RATE) break;
    if (elapsed + WARM_UP_SECONDS > WARM_UP_MAX_SECONDS) {
      log(
        `${run.name}: WARNING: still ${missRate} cache misses per request after ${Math.round(elapsed)} s (BENCH_WARMUP_MAX_SECONDS): the cache does not hold every client`,
      );
      break;
    }
  }
  return { sent, seconds: Math.round((performance.now() - started) / 100) / 10, chunks, missRate };
}

/** The figures the benchmark reads from Latchkey's /metrics (summed or, for the delay, the worst over the workers). */
async function readMetrics(url: string): Promise<{ misses: number; eventLoopDelayP99: number; eventLoopDelayMax: number }> {
  const text = await (await fetch(url, { signal: AbortSignal.timeout(10_000) })).text();
  const value = (name: string) => {
    const line = text.split("\n").find((l) => l.startsWith(`${name} `));
    return line === undefined ? NaN : Number(line.slice(name.length + 1));
  };
  return {
    misses: value("latchkey_client_cache_misses_total"),
    eventLoopDelayP99: value("latchkey_event_loop_delay_p99_seconds"),
    eventLoopDelayMax: value("latchkey_event_loop_delay_max_seconds"),
  };
}

/**
 * `seconds` of load, or `amount` requests if given (then at most `seconds`). The result's
 * `seconds` runs from the start to the last answer: autocannon's own duration also counts
 * the idle moment until its next one-second tick, too much for a short cold window.
 */
async function runLoad(base: string, seconds: number, nextAuthorization: () => string, amount?: number): Promise<AutocannonResult & { seconds: number }> {
  const started = performance.now();
  let lastAnswer = started;
  load = autocannon({
    url: base,
    // autocannon refuses more connections than requests: the last clients of a cold run.
    connections: amount === undefined ? CONNECTIONS : Math.max(1, Math.min(CONNECTIONS, amount)),
    duration: seconds,
    ...(amount === undefined ? {} : { amount }),
    requests: [
      {
        method: "POST",
        path: TOKEN_PATH,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "grant_type=client_credentials",
        // Called for every request sent: the next client and secret in the round-robin.
        setupRequest: (request) => ({ ...request, headers: { ...request.headers, authorization: nextAuthorization() } }),
      },
    ],
  });
  load.on("response", () => {
    lastAnswer = performance.now();
  });
  const instance = load;
  const cap = amount === undefined ? undefined : setTimeout(() => instance.stop(), seconds * 1000);
  try {
    const result = await load;
    return { ...result, seconds: Math.max(0.001, (lastAnswer - started) / 1000) };
  } finally {
    clearTimeout(cap);
    load = undefined;
  }
}

// ---------------------------------------------------------------------------------------
// Servers: each in its own process group, so stopping it stops its launcher and children.

function startGroup(command: string, args: string[], childEnv: NodeJS.ProcessEnv, logFile: string, stdin?: string): ChildProcess {
  // After Ctrl-C, main() may still be running on until exit: it must start nothing new.
  if (interrupted) throw new Error("Interrupted");
  const output = createWriteStream(logFile);
  const child = spawn(command, args, { env: childEnv, detached: true, stdio: [stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"] });
  // Kept until stopGroup has seen the whole group gone, not just the launcher.
  groups.add(child);
  child.stdout!.pipe(output);
  child.stderr!.pipe(output);
  if (stdin !== undefined) child.stdin!.end(stdin);
  return child;
}

/**
 * Latchkey runs the command of package.json's "start" script, through sh as npm runs it
 * (today `NODE_ENV=production node ${NEXT_DIST_DIR:-.next}/latchkey/server.mjs`, NEXT_DIST_DIR being the benchmark's), so
 * the benchmark follows that script wherever it goes. Not `npm start` itself: npm's own
 * process would be counted in the server's memory.
 */
function startLatchkey(base: string, logFile: string): ChildProcess {
  const { scripts } = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
  // Latchkey's own settings from the caller's shell (another audience, a proxy, a host) would
  // change what is measured and what the spot checks expect: only the benchmark's apply.
  const inherited = Object.fromEntries(Object.entries(env).filter(([name]) => !/^(LATCHKEY_|NEXTAUTH_|HOST$|PORT$)/.test(name))) as NodeJS.ProcessEnv;
  return startGroup(
    "sh",
    ["-c", scripts.start!],
    // Its own management port, beside any installation running on this machine.
    { ...inherited, PORT: String(PORT), LATCHKEY_MANAGEMENT_PORT: String(PORT + 2000), LATCHKEY_BASE_URL: base, DATABASE_URL, LATCHKEY_DATA_DIR: DATA_DIR },
    logFile,
  );
}

/**
 * The stock server compiled the way Latchkey's server is (scripts/build-server.mjs): plain
 * Node, no TypeScript loader, so neither side carries one. Clients and plaintexts on stdin only.
 */
async function startStock(clients: BenchClient[], logFile: string): Promise<ChildProcess> {
  const outfile = path.join(DATA_DIR, "stock-server.mjs");
  await build({
    entryPoints: ["scripts/bench-token-stock.ts"],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node24",
    packages: "external",
    logLevel: "warning",
  });
  const input = JSON.stringify(clients.map((c) => ({ clientId: c.clientId, secret: c.secrets[0]! })));
  return startGroup("node", [outfile], { ...env, NODE_ENV: "production", BENCH_STOCK_PORT: String(STOCK_PORT) }, logFile, input);
}

async function waitForDiscovery(base: string, child: ChildProcess, logFile: string): Promise<{ issuer: string; jwks_uri: string; token_endpoint: string }> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`The server exited (code ${child.exitCode}); see ${logFile}`);
    try {
      const response = await fetch(`${base}${DISCOVERY_PATH}`, { signal: AbortSignal.timeout(5_000) });
      if (response.status === 200) return (await response.json()) as { issuer: string; jwks_uri: string; token_endpoint: string };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${base}${DISCOVERY_PATH} did not answer 200 within 60 s; see ${logFile}`);
}

/** SIGTERM to the whole group, SIGKILL after 5 s; returns once no process of it is left. */
async function stopGroup(child: ChildProcess) {
  const pgid = child.pid;
  if (!pgid) return;
  const alive = () => {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pgid, name);
    } catch {
      // already gone
    }
  };
  const gone = async (milliseconds: number) => {
    const until = Date.now() + milliseconds;
    while (alive() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
    return !alive();
  };
  signal("SIGTERM");
  if (!(await gone(5_000))) {
    signal("SIGKILL");
    await gone(5_000);
  }
  groups.delete(child);
}

// ---------------------------------------------------------------------------------------
// Correctness, outside the timed run: a fast endpoint that answers errors proves nothing.

async function spotCheck(base: string, jwks: JSONWebKeySet, clients: BenchClient[], secretsPerClient: number, claims: { tenant?: string }) {
  const keys = createLocalJWKSet(jwks);
  const picks = [0, 1, Math.floor(clients.length / 2), clients.length - 1];
  for (const i of picks) {
    const client = clients[i]!;
    for (let s = 0; s < secretsPerClient; s++) {
      const { status, body } = await requestToken(base, client.clientId, client.secrets[s]!);
      const token = body as { access_token?: unknown; token_type?: unknown };
      if (status !== 200 || typeof token.access_token !== "string" || token.token_type !== "Bearer") {
        throw new Error(`Spot check failed at ${base}: client ${i} secret ${s + 1} got ${status} ${JSON.stringify(body)}`);
      }
      const header = decodeProtectedHeader(token.access_token);
      const { payload } = await jwtVerify(token.access_token, keys, {
        issuer: `${base}/identity`,
        audience: `${base}/api`,
        typ: "at+jwt",
        algorithms: ["ES256"],
      });
      if (header.alg !== "ES256" || payload.client_id !== client.clientId || payload.sub !== client.clientId || typeof payload.jti !== "string") {
        throw new Error(`Spot check failed at ${base}: unexpected token for client ${i}: ${JSON.stringify({ header, payload })}`);
      }
      if (claims.tenant !== undefined && payload.tenant !== claims.tenant) {
        throw new Error(`Spot check failed at ${base}: tenant claim ${JSON.stringify(payload.tenant)}, expected "${claims.tenant}"`);
      }
    }
  }
  // And a wrong secret is refused, so the speed measured is that of real authentication.
  const right = clients[0]!.secrets[0]!;
  const wrong = await requestToken(base, clients[0]!.clientId, `${right.slice(0, -1)}${right.endsWith("A") ? "B" : "A"}`);
  if (wrong.status !== 401) throw new Error(`Spot check failed at ${base}: a wrong secret got ${wrong.status} ${JSON.stringify(wrong.body)}`);
}

async function requestToken(base: string, clientId: string, secret: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${base}${TOKEN_PATH}`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: text.slice(0, 200) };
  }
}

// ---------------------------------------------------------------------------------------
// Memory and CPU of a process tree, from /proc (Linux).

/** depth: 0 for the spawned process, 1 for its children, and so on. */
type ProcessRss = { pid: number; depth: number; rssKb: number; pssKb: number; command: string };
type ProcessStat = { ppid: number; ticks: number; name: string };

/** Every process's parent, CPU ticks and name, from /proc/<pid>/stat. */
function scanProcesses(): Map<number, ProcessStat> {
  const processes = new Map<number, ProcessStat>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The name is in parentheses and may hold spaces and parentheses: split after the last ")".
      const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
      // fields[0] is field 3 (state): ppid is field 4, utime and stime fields 14 and 15.
      processes.set(Number(entry), {
        ppid: Number(fields[1]),
        ticks: Number(fields[11]) + Number(fields[12]),
        name: text.slice(text.indexOf("(") + 1, text.lastIndexOf(")")),
      });
    } catch {
      // exited meanwhile
    }
  }
  return processes;
}

/** The spawned process and all its descendants, found through the ppid of every process. */
function treeOf(root: number, processes: Map<number, ProcessStat>): { pid: number; depth: number }[] {
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of processes) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const tree: { pid: number; depth: number }[] = [];
  const visit = (pid: number, depth: number) => {
    tree.push({ pid, depth });
    for (const child of children.get(pid) ?? []) visit(child, depth + 1);
  };
  visit(root, 0);
  return tree;
}

function sampleTree(root: number, processes = scanProcesses()): ProcessRss[] {
  const sample: ProcessRss[] = [];
  for (const { pid, depth } of treeOf(root, processes)) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const rssKb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? 0);
      // PSS shares each page among the processes that map it (Node's binary, Next's build):
      // the sum is the memory the tree really takes, where summed RSS counts shared pages often.
      const pssKb = Number(/^Pss:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))?.[1] ?? 0);
      sample.push({ pid, depth, rssKb, pssKb, command: commandLine(pid) });
    } catch {
      // exited meanwhile
    }
  }
  return sample;
}

/** Shortened for the report: no working directory, no tsx loader flags (the same on every Node process). */
function commandLine(pid: number): string {
  try {
    const line = readFileSync(`/proc/${pid}/cmdline`, "utf8")
      .split("\0")
      .filter(Boolean)
      .join(" ")
      .replaceAll("file://", "")
      .replaceAll(`${process.cwd()}/`, "")
      .replace(/ --(require|import) node_modules\/tsx\/dist\/\S+/g, "")
      .replace(/^node_modules\/node\/bin\/node /, "node ");
    return line.length > 100 ? `${line.slice(0, 99)}…` : line;
  } catch {
    return "?";
  }
}

/** CPU ticks per process between its first and last sighting (a process started midway counts from then). */
class TickCounter {
  private readonly first = new Map<number, number>();
  private readonly last = new Map<number, number>();
  note(pid: number, ticks: number) {
    if (!this.first.has(pid)) this.first.set(pid, ticks);
    this.last.set(pid, ticks);
  }
  /** USER_HZ is 100 on Linux for every architecture Node runs on. */
  seconds(): number {
    return [...this.last].reduce((sum, [pid, last]) => sum + last - this.first.get(pid)!, 0) / 100;
  }
}

/**
 * Samples the tree's summed RSS every 200 ms until stopped, keeping the peak and the
 * per-process figures at that moment, plus the CPU time the tree used meanwhile, and, when
 * the server's database is PostgreSQL, that of PostgreSQL's processes (it serves the tokens
 * too, from outside the tree). The reads are synchronous and take a few milliseconds.
 */
function startRssSampler(root: number, countDatabase: boolean) {
  let peakKb = 0;
  let peakPssKb = 0;
  let peakProcesses: ProcessRss[] = [];
  const server = new TickCounter();
  const database = new TickCounter();
  const sample = () => {
    const all = scanProcesses();
    const processes = sampleTree(root, all);
    const totalKb = processes.reduce((sum, p) => sum + p.rssKb, 0);
    if (totalKb > peakKb) [peakKb, peakProcesses] = [totalKb, processes];
    peakPssKb = Math.max(
      peakPssKb,
      processes.reduce((sum, p) => sum + p.pssKb, 0),
    );
    for (const { pid } of processes) if (all.has(pid)) server.note(pid, all.get(pid)!.ticks);
    if (countDatabase) for (const [pid, p] of all) if (p.name === "postgres") database.note(pid, p.ticks);
  };
  const machineBefore = machineBusyTicks();
  sample();
  const timer = setInterval(sample, SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return {
        peakKb,
        peakPssKb,
        peakProcesses,
        cpuSeconds: server.seconds(),
        databaseCpuSeconds: database.seconds(),
        machineCpuSeconds: (machineBusyTicks() - machineBefore) / 100,
      };
    },
  };
}

/** Busy time of all cores together, from the first line of /proc/stat (everything but idle and iowait). */
function machineBusyTicks(): number {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user and nice).
  return fields.slice(0, 8).reduce((sum, value, i) => (i === 3 || i === 4 ? sum : sum + value), 0);
}

function mb(kb: number): number {
  return Math.round((kb / 1024) * 10) / 10;
}

// ---------------------------------------------------------------------------------------
// Reference (b): jose signing on every core.

async function signingCeiling(issuer: string, audience: string): Promise<number> {
  log(`Signing ceiling: ${CORES} threads signing ES256 JWTs for ${SIGN_SECONDS} s …`);
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk = await exportJWK(privateKey);
  const input: SignWorkerInput = { jwk, kid: await calculateJwkThumbprint(jwk), issuer, audience, milliseconds: SIGN_SECONDS * 1000 };
  const workers = Array.from({ length: CORES }, () => new Worker(new URL("./bench-token-sign.ts", import.meta.url), { workerData: input }));
  for (const w of workers) threads.add(w);
  try {
    const message = (w: Worker) =>
      new Promise<unknown>((resolve, reject) => {
        w.once("message", resolve);
        w.once("error", reject);
      });
    await Promise.all(workers.map((w) => message(w)));
    // All ready: start together so the threads overlap for the whole window.
    const results = workers.map((w) => message(w) as Promise<SignWorkerResult>);
    for (const w of workers) w.postMessage("go");
    const done = await Promise.all(results);
    const perSecond = Math.round(done.reduce((sum, r) => sum + r.signs / (r.milliseconds / 1000), 0));
    log(`Signing ceiling: ${perSecond} signs/s`);
    return perSecond;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
    for (const w of workers) threads.delete(w);
  }
}

// ---------------------------------------------------------------------------------------
// Report.

function printReport(result: Record<string, number | string | null>, latchkey: Measured, stock: Measured) {
  const row = (name: string, m: Measured) =>
    `${name.padEnd(22)} ${String(m.tokensPerSecond).padStart(9)} ${String(m.p50Ms).padStart(7)} ${String(m.p99Ms).padStart(7)} ${String(m.errors).padStart(7)} ${String(m.peakPssMb).padStart(12)} ${String(m.peakRssMb).padStart(12)} ${String(m.serverCpuPercent).padStart(8)}`;
  console.log(
    `\nPOST ${TOKEN_PATH}, client_credentials, ${CONNECTIONS} connections, ${latchkey.seconds} s after ${latchkey.warmUpSeconds} s warm-up, ${CLIENTS} clients, ${PATTERN}, ${DATABASE}:`,
  );
  console.log(
    `${"".padEnd(22)} ${"tokens/s".padStart(9)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"errors".padStart(7)} ${"peak PSS MB".padStart(12)} ${"peak RSS MB".padStart(12)} ${"CPU %".padStart(8)}`,
  );
  console.log(row("Latchkey", latchkey));
  console.log(row(`stock (${CORES} workers)`, stock));
  console.log(`${`jose signing (${CORES} thr.)`.padEnd(22)} ${String(result.signsPerSecond).padStart(9)} signs/s`);
  console.log(`Latchkey / stock ${result.ratioToBaseline}×, Latchkey / signing ${result.ratioToSigning}×`);
  console.log(
    `Latchkey's workers: event-loop delay p99 ${latchkey.saturatedEventLoopDelayP99Ms ?? "?"} ms in the measured window (saturated); ` +
      `client cache misses ${latchkey.cacheMissRate ?? "?"} per request (last warm-up chunk: ${latchkey.warmUpCacheMissRate ?? "?"})`,
  );
  console.log(
    `Paced at ${PACED_SHARE * 100} % of that for ${PACED_SECONDS} s: ${latchkey.pacedTokensPerSecond ?? "?"} tokens/s, p99 ${latchkey.pacedP99Ms ?? "?"} ms, ` +
      `event-loop delay p99 ${latchkey.eventLoopDelayP99Ms ?? "?"} ms, max ${latchkey.eventLoopDelayMaxMs ?? "?"} ms`,
  );
  if (PATTERN === "cold")
    console.log(
      `Cold: ${COLD_WARM_UP_CLIENTS} clients for warm-up and spot checks; the window sent each of the other ${CLIENTS - COLD_WARM_UP_CLIENTS} once, for at most ${SECONDS} s.`,
    );
  if (DATABASE === "postgresql")
    console.log(`PostgreSQL's processes used ${latchkey.databaseCpuPercent} % CPU during the Latchkey run (not in Latchkey's CPU % or memory).`);
  console.log(
    `Load generator (autocannon, this process): ${latchkey.loadGeneratorCpuPercent} % of a core against Latchkey, ${stock.loadGeneratorCpuPercent} % against stock (CPU % = 100 per core).`,
  );
  if (latchkey.errors) console.log(`Latchkey status codes: ${JSON.stringify(latchkey.statusCodes)}`);
  // The figures only mean something on an otherwise quiet machine: say when it was not.
  for (const [name, m] of [
    ["Latchkey", latchkey],
    ["stock", stock],
  ] as const) {
    if (m.otherCpuPercent > 10) console.log(`WARNING: other processes used ${m.otherCpuPercent} % CPU during the ${name} run; its figures are disturbed.`);
  }

  const mark = (ok: boolean) => (ok ? "PASS" : "FAIL");
  console.log("\nTargets:");
  console.log(
    `  tokens/s ≥ ${TARGETS.ratioToBaseline.toFixed(1)}× stock      ${String(result.ratioToBaseline).padStart(8)}×    ${mark(Number(result.ratioToBaseline) >= TARGETS.ratioToBaseline)}`,
  );
  console.log(`  p99 ≤ ${TARGETS.p99Ms} ms                  ${String(latchkey.p99Ms).padStart(8)} ms  ${mark(latchkey.p99Ms <= TARGETS.p99Ms)}`);
  console.log(`  errors = ${TARGETS.errors}                   ${String(latchkey.errors).padStart(8)}     ${mark(latchkey.errors <= TARGETS.errors)}`);
  console.log(
    `  event-loop delay p99 (paced) ≤ ${TARGETS.eventLoopDelayP99Ms} ms ${String(latchkey.eventLoopDelayP99Ms ?? "?").padStart(8)} ms  ${mark((latchkey.eventLoopDelayP99Ms ?? Infinity) <= TARGETS.eventLoopDelayP99Ms)}`,
  );
  console.log(
    `  peak server memory (PSS) ≤ ${TARGETS.peakPssMb} MB  ${String(latchkey.peakPssMb).padStart(8)} MB  ${mark(latchkey.peakPssMb <= TARGETS.peakPssMb)}   (summed RSS: ${latchkey.peakRssMb} MB)`,
  );

  for (const [name, m] of [
    ["Latchkey", latchkey],
    ["stock", stock],
  ] as const) {
    console.log(`\n${name} processes at peak RSS (the whole tree: ${m.startRssMb} MB after start-up and spot checks, before load):`);
    for (const p of m.peakProcesses)
      console.log(
        `  ${String(p.pid).padStart(7)} ${mb(p.rssKb).toFixed(1).padStart(7)} MB RSS ${mb(p.pssKb).toFixed(1).padStart(7)} MB PSS  ${"  ".repeat(p.depth)}${p.command}`,
      );
  }
  console.log("");
}

// ---------------------------------------------------------------------------------------
// Everything started is stopped: on success, on errors and on Ctrl-C.

async function cleanUp() {
  load?.stop();
  await Promise.all([...threads].map((w) => w.terminate()));
  await Promise.all([...groups].map((child) => stopGroup(child)));
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping everything this benchmark started …`);
    void cleanUp().finally(() => process.exit(130));
  });
}
// Last resort if the process ends some other way with a group still running.
process.on("exit", () => {
  for (const child of groups) {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

try {
  await main();
} catch (error) {
  // After Ctrl-C, whatever main() was waiting for fails on purpose: not worth a stack trace.
  if (!interrupted) console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = interrupted ? 130 : 1;
} finally {
  await cleanUp();
  // A failed run may leave a handle open (the load generator's, the seeding's pool): end
  // anyway, or bench:scale waits for it forever.
  if (process.exitCode) process.exit();
}
