// `npm run bench:cluster`: the token benchmark of bench:token (client_credentials,
// client_secret_basic, 1,000 clients × 3 secrets, round-robin, 64 connections) on
// PostgreSQL, in one run against
//   (1) one instance, directly (LATCHKEY_WORKERS=2: one process per core), and
//   (2) two instances of one process each behind HAProxy (lib/cluster/haproxy.cfg), the
//       same number of server processes, plus the balancer's hop.
// Both run side by side (each idle while the other is measured) and are measured in four
// alternating rounds, so other load on the machine falls on both alike; p99 is the worst
// round's, p50 the rounds' mean weighted by their tokens.
// On a 2-core machine no speed-up is expected: the figures are the balancer's overhead
// (target: (2) ≥ 0.85× (1), p99 ≤ 50 ms, 0 errors) and PostgreSQL's share of the CPU,
// read from /proc for its processes. Last line: one JSON object, like bench:token's.
//
// DATABASE_URL: a local PostgreSQL test database, wiped (default latchkey_cluster_bench_test).
// BENCH_SKIP_BUILD=1 reuses .next-bench; BENCH_SECONDS (20), BENCH_WARMUP_SECONDS (15: every
// process reads and caches all 1,000 clients first, which took 10 s on a slow 2-vCPU day and,
// left in the measured rounds, made their p99 ten times the warm path's),
// BENCH_CLUSTER_PORT (3260: the balancer; instances on the next three ports, management
// ports 2,000 above them).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from "jose";
import { Balancer, Instance, newInstallation, SHUTDOWN_DELAY_MS, type Installation } from "@/lib/testing/start-cluster";
import { redact, resetTestDatabase } from "@/lib/testing/reset-test-database";
import { BENCH_DIST_DIR, buildForBench } from "./bench-build";
import type { BenchClient } from "./bench-token-seed";
import { autocannon, type AutocannonResult } from "./autocannon";

const DATABASE_URL = process.env.DATABASE_URL?.trim() || "postgresql://postgres@127.0.0.1:5432/latchkey_cluster_bench_test";
if (!/^postgres(ql)?:\/\//.test(DATABASE_URL))
  throw new Error("bench:cluster runs on PostgreSQL: DATABASE_URL must be a postgresql:// URL of a local test database");
const PORT = Number(process.env.BENCH_CLUSTER_PORT ?? 3260);
const WORK_DIR = path.resolve(`data/bench-cluster-${PORT}`);
const SECONDS = seconds("BENCH_SECONDS", 20);
const WARM_UP_SECONDS = seconds("BENCH_WARMUP_SECONDS", 15);
const ROUNDS = 4;
const CONNECTIONS = 64;
const CLIENTS = 1_000;
const SECRETS_PER_CLIENT = 3;
const TARGETS = { ratioToDirect: 0.85, p99Ms: 50, errors: 0 };
const BIN = path.resolve("node_modules/.bin");
const buildEnv = { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ""}`, NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: BENCH_DIST_DIR };

const started: { stop(): Promise<unknown> }[] = [];

type Phase = {
  tokensPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  requests: number;
  statusCodes: Record<string, number>;
  /** CPU % (100 per core) during the measured window. */
  serverCpuPercent: number;
  databaseCpuPercent: number;
  balancerCpuPercent: number;
  loadGeneratorCpuPercent: number;
  machineCpuPercent: number;
  /** Busy CPU that none of the above used: other work on the machine, which disturbs the figures. */
  otherCpuPercent: number;
};

async function main() {
  console.log(
    `Cluster token benchmark on ${redact(DATABASE_URL)}: ${CLIENTS} clients × ${SECRETS_PER_CLIENT} secrets, ${CONNECTIONS} connections, ${SECONDS} s after ${WARM_UP_SECONDS} s warm-up`,
  );
  await resetTestDatabase(DATABASE_URL);
  process.env.DATABASE_URL = DATABASE_URL;
  const { seedTokenBenchTenant } = await import("./bench-token-seed");
  const tenant = await seedTokenBenchTenant(CLIENTS, SECRETS_PER_CLIENT);
  console.log(`Seeded "${tenant.slug}" in ${(tenant.seedMs / 1000).toFixed(1)} s`);
  if (process.env.BENCH_SKIP_BUILD !== "1") {
    console.log(`Building into ${BENCH_DIST_DIR} …`);
    buildForBench(buildEnv);
  }
  const installation = newInstallation(DATABASE_URL);
  const authorizations = roundRobin(tenant.clients);

  const targets: [Target, Target] = [await startDirect(installation, tenant.clients), await startBehindBalancer(installation, tenant.clients)];
  const [direct, cluster] = await measureBoth(targets, authorizations);
  for (const target of targets) await target.stop();

  const result = {
    tokensPerSecond: cluster.tokensPerSecond,
    p50Ms: cluster.p50Ms,
    p99Ms: cluster.p99Ms,
    errors: cluster.errors,
    directTokensPerSecond: direct.tokensPerSecond,
    directP50Ms: direct.p50Ms,
    directP99Ms: direct.p99Ms,
    directErrors: direct.errors,
    ratioToDirect: direct.tokensPerSecond > 0 ? Math.round((cluster.tokensPerSecond / direct.tokensPerSecond) * 1000) / 1000 : 0,
    databaseCpuPercent: cluster.databaseCpuPercent,
    directDatabaseCpuPercent: direct.databaseCpuPercent,
    databaseCpuShare: share(cluster.databaseCpuPercent, cluster.machineCpuPercent),
    directDatabaseCpuShare: share(direct.databaseCpuPercent, direct.machineCpuPercent),
    serverCpuPercent: cluster.serverCpuPercent,
    directServerCpuPercent: direct.serverCpuPercent,
    balancerCpuPercent: cluster.balancerCpuPercent,
    machineCpuPercent: cluster.machineCpuPercent,
    directMachineCpuPercent: direct.machineCpuPercent,
    loadGeneratorCpuPercent: cluster.loadGeneratorCpuPercent,
    directLoadGeneratorCpuPercent: direct.loadGeneratorCpuPercent,
    otherCpuPercent: cluster.otherCpuPercent,
    directOtherCpuPercent: direct.otherCpuPercent,
    requests: cluster.requests,
    directRequests: direct.requests,
    seconds: SECONDS,
    warmUpSeconds: WARM_UP_SECONDS,
    connections: CONNECTIONS,
    clients: CLIENTS,
    secretsPerClient: SECRETS_PER_CLIENT,
    instances: 2,
    database: "postgresql",
  };
  report(direct, cluster, result.ratioToDirect);
  console.log(JSON.stringify(result));
}

type Target = { name: string; base: string; processes: { groups: number[]; balancer?: number }; stop(): Promise<unknown> };

/** One instance with a process per core, on its own port. */
async function startDirect(installation: Installation, clients: BenchClient[]): Promise<Target> {
  const instance = new Instance({
    name: "direct",
    port: PORT + 3,
    managementPort: PORT + 2003,
    dataDir: path.join(WORK_DIR, "direct"),
    distDir: BENCH_DIST_DIR,
    env: { ...installation, LATCHKEY_BASE_URL: `http://127.0.0.1:${PORT + 3}`, LATCHKEY_WORKERS: "2" },
  });
  console.log(`One instance, 2 processes, directly at ${instance.url}: starting …`);
  instance.start();
  started.push({ stop: () => instance.kill() });
  await instance.waitReady();
  await spotCheck(instance.url, clients);
  return { name: "one instance", base: instance.url, processes: { groups: [instance.pid!] }, stop: () => instance.stop() };
}

/** Two instances of one process each, behind HAProxy. */
async function startBehindBalancer(installation: Installation, clients: BenchClient[]): Promise<Target> {
  const baseUrl = `http://127.0.0.1:${PORT}`;
  const env = {
    ...installation,
    LATCHKEY_BASE_URL: baseUrl,
    LATCHKEY_WORKERS: "1",
    LATCHKEY_TRUST_PROXY: "1",
    LATCHKEY_SHUTDOWN_DELAY_MS: String(SHUTDOWN_DELAY_MS),
  };
  const [a, b] = (["a", "b"] as const).map(
    (name, i) => new Instance({ name, port: PORT + 1 + i, managementPort: PORT + 2001 + i, dataDir: path.join(WORK_DIR, name), distDir: BENCH_DIST_DIR, env }),
  ) as [Instance, Instance];
  const balancer = new Balancer({ bind: `127.0.0.1:${PORT}`, servers: { a, b }, workDir: WORK_DIR });
  console.log(`Two instances, 1 process each, behind HAProxy at ${baseUrl}: starting …`);
  a.start();
  b.start();
  started.push({ stop: () => a.kill() }, { stop: () => b.kill() }, { stop: () => balancer.stop() });
  await Promise.all([a.waitReady(), b.waitReady()]);
  await balancer.start();
  await Promise.all([balancer.waitFor("a", "UP"), balancer.waitFor("b", "UP")]);
  await spotCheck(baseUrl, clients);
  return {
    name: "two instances behind HAProxy",
    base: baseUrl,
    processes: { groups: [a.pid!, b.pid!], balancer: balancer.pid },
    stop: async () => {
      await Promise.all([a.stop(), b.stop()]);
      await balancer.stop();
    },
  };
}

/** What the rounds of one target add up to. */
type Tally = {
  ok: number;
  non2xx: number;
  errors: number;
  duration: number;
  p50Weighted: number;
  p99: number;
  ticks: CpuTicks;
  ownMicros: number;
  codes: Record<string, number>;
};

/**
 * Both targets run side by side, idle while the other is measured, and are measured in
 * alternating rounds (ABBA…), so a change in the machine's other load falls on both alike.
 */
async function measureBoth(targets: [Target, Target], authorizations: string[]): Promise<[Phase, Phase]> {
  let next = 0;
  const nextAuthorization = () => authorizations[next++ % authorizations.length]!;
  for (const target of targets) {
    console.log(`${target.name}: warming up for ${WARM_UP_SECONDS} s …`);
    await runLoad(target.base, WARM_UP_SECONDS, nextAuthorization);
  }
  const tallies = targets.map((): Tally => ({
    ok: 0,
    non2xx: 0,
    errors: 0,
    duration: 0,
    p50Weighted: 0,
    p99: 0,
    ticks: { server: 0, database: 0, balancer: 0, machine: 0 },
    ownMicros: 0,
    codes: {},
  }));
  console.log(`Measuring ${ROUNDS} rounds of ${SECONDS / ROUNDS} s each, alternating, ${SECONDS} s per target …`);
  for (let round = 0; round < ROUNDS; round++) {
    for (const i of round % 2 === 0 ? [0, 1] : [1, 0]) {
      const [target, tally] = [targets[i]!, tallies[i]!];
      const before = cpuSnapshot(target.processes);
      const ownBefore = process.cpuUsage();
      const result = await runLoad(target.base, SECONDS / ROUNDS, nextAuthorization);
      const own = process.cpuUsage(ownBefore);
      const used = cpuUsed(before, cpuSnapshot(target.processes));
      for (const key of Object.keys(tally.ticks) as (keyof CpuTicks)[]) tally.ticks[key] += used[key];
      tally.ownMicros += own.user + own.system;
      tally.ok += result["2xx"];
      tally.non2xx += result.non2xx;
      tally.errors += result.errors;
      tally.duration += result.duration;
      tally.p50Weighted += result.latency.p50 * result["2xx"];
      tally.p99 = Math.max(tally.p99, result.latency.p99);
      for (const [code, stat] of Object.entries(result.statusCodeStats)) tally.codes[code] = (tally.codes[code] ?? 0) + stat.count;
    }
  }
  return tallies.map((tally): Phase => {
    const percent = (ticks: number) => Math.round((ticks / 100 / tally.duration) * 100);
    const loadGeneratorCpuPercent = Math.round((tally.ownMicros / 1e6 / tally.duration) * 100);
    const accounted = percent(tally.ticks.server) + percent(tally.ticks.database) + percent(tally.ticks.balancer) + loadGeneratorCpuPercent;
    return {
      tokensPerSecond: Math.round(tally.ok / tally.duration),
      p50Ms: tally.ok > 0 ? Math.round(tally.p50Weighted / tally.ok) : 0,
      p99Ms: tally.p99,
      errors: tally.non2xx + tally.errors,
      requests: tally.ok + tally.non2xx,
      statusCodes: tally.codes,
      serverCpuPercent: percent(tally.ticks.server),
      databaseCpuPercent: percent(tally.ticks.database),
      balancerCpuPercent: percent(tally.ticks.balancer),
      loadGeneratorCpuPercent,
      machineCpuPercent: percent(tally.ticks.machine),
      otherCpuPercent: Math.max(0, percent(tally.ticks.machine) - accounted),
    };
  }) as [Phase, Phase];
}

/** Requests the authorizations of a few clients; every token must verify against the JWKS served there. */
async function spotCheck(base: string, clients: BenchClient[]): Promise<void> {
  const jwks = createLocalJWKSet((await (await fetch(`${base}/identity/jwks`)).json()) as JSONWebKeySet);
  for (const client of [clients[0]!, clients[clients.length - 1]!]) {
    const response = await fetch(`${base}/identity/token`, {
      method: "POST",
      headers: { authorization: basic(client.clientId, client.secrets[0]!), "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials",
    });
    const body = (await response.json()) as { access_token?: string };
    if (response.status !== 200 || !body.access_token) throw new Error(`Spot check failed at ${base}: ${response.status} ${JSON.stringify(body)}`);
    // The issuer is the installation's public URL: the balancer's, or the lone instance's.
    const { payload } = await jwtVerify(body.access_token, jwks, { issuer: `${base}/identity`, typ: "at+jwt" });
    if (payload.client_id !== client.clientId) throw new Error(`Spot check failed at ${base}: token for ${String(payload.client_id)}`);
  }
}

function basic(clientId: string, secret: string): string {
  return `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`;
}

/** All clients with their first secret, then with their second, …: no client twice in a row. */
function roundRobin(clients: BenchClient[]): string[] {
  const headers: string[] = [];
  for (let s = 0; s < SECRETS_PER_CLIENT; s++) for (const c of clients) headers.push(basic(c.clientId, c.secrets[s]!));
  return headers;
}

function runLoad(base: string, duration: number, nextAuthorization: () => string): Promise<AutocannonResult> {
  const load = autocannon({
    url: base,
    connections: CONNECTIONS,
    duration,
    requests: [
      {
        method: "POST",
        path: "/identity/token",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "grant_type=client_credentials",
        setupRequest: (request) => ({ ...request, headers: { ...request.headers, authorization: nextAuthorization() } }),
      },
    ],
  });
  started.push({ stop: async () => load.stop() });
  return Promise.resolve(load);
}

// ---------------------------------------------------------------------------------------
// CPU time from /proc (USER_HZ = 100): the instances' process groups, PostgreSQL's
// processes (all of its backends), HAProxy, and the whole machine.

type CpuTicks = { server: number; database: number; balancer: number; machine: number };
type CpuSnapshot = { machine: number; processes: Map<number, { kind: Exclude<keyof CpuTicks, "machine">; ticks: number }> };

/** Every process of interest, by pid: a process summed as a whole would lose its ticks when one ends. */
function cpuSnapshot(processes: { groups: number[]; balancer?: number }): CpuSnapshot {
  const snapshot: CpuSnapshot = { machine: machineBusyTicks(), processes: new Map() };
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // gone meanwhile
    }
    const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // After the name: state ppid pgrp … utime (12th) stime (13th).
    const [group, ticks] = [Number(fields[2]), Number(fields[11]) + Number(fields[12])];
    const kind = processes.groups.includes(group) ? "server" : name === "postgres" ? "database" : Number(entry) === processes.balancer ? "balancer" : undefined;
    if (kind) snapshot.processes.set(Number(entry), { kind, ticks });
  }
  return snapshot;
}

/**
 * CPU ticks used between two snapshots: a process seen only in the second counts from 0
 * (a PostgreSQL backend for a new connection); one that ended meanwhile loses its last
 * ticks (rare: the pools keep their connections).
 */
function cpuUsed(before: CpuSnapshot, after: CpuSnapshot): CpuTicks {
  const used: CpuTicks = { server: 0, database: 0, balancer: 0, machine: after.machine - before.machine };
  for (const [pid, { kind, ticks }] of after.processes) used[kind] += ticks - (before.processes.get(pid)?.ticks ?? 0);
  return used;
}

function machineBusyTicks(): number {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  return fields.slice(0, 8).reduce((sum, value, i) => (i === 3 || i === 4 ? sum : sum + value), 0);
}

function share(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 1000) / 1000 : 0;
}

function seconds(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number of seconds, not "${raw}"`);
  return value;
}

function report(direct: Phase, cluster: Phase, ratio: number) {
  const row = (name: string, p: Phase) =>
    `${name.padEnd(30)} ${String(p.tokensPerSecond).padStart(9)} ${String(p.p50Ms).padStart(7)} ${String(p.p99Ms).padStart(7)} ${String(p.errors).padStart(7)} ${String(p.serverCpuPercent).padStart(10)} ${String(p.databaseCpuPercent).padStart(8)} ${String(p.balancerCpuPercent).padStart(9)} ${String(p.loadGeneratorCpuPercent).padStart(9)} ${String(p.otherCpuPercent).padStart(8)}`;
  console.log(`\nPOST /identity/token, client_credentials, ${CONNECTIONS} connections, ${SECONDS} s after ${WARM_UP_SECONDS} s warm-up, PostgreSQL:`);
  console.log(
    `${"".padEnd(30)} ${"tokens/s".padStart(9)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"errors".padStart(7)} ${"server %".padStart(10)} ${"pg %".padStart(8)} ${"haproxy %".padStart(9)} ${"load gen %".padStart(9)} ${"other %".padStart(8)}`,
  );
  console.log(row("one instance (2 processes)", direct));
  console.log(row("two instances behind HAProxy", cluster));
  console.log(`(CPU %: 100 per core; "load gen" is autocannon in this process, "other" the rest of the machine's busy time.)`);
  for (const [name, p] of [
    ["one instance", direct],
    ["cluster", cluster],
  ] as const) {
    if (p.errors) console.log(`${name} status codes: ${JSON.stringify(p.statusCodes)}`);
    if (p.otherCpuPercent > 10) console.log(`WARNING: other processes used ${p.otherCpuPercent} % CPU during the ${name} run; its figures are disturbed.`);
    console.log(`PostgreSQL's share of the machine's busy CPU (${name}): ${Math.round(share(p.databaseCpuPercent, p.machineCpuPercent) * 100)} %`);
  }
  const mark = (ok: boolean) => (ok ? "PASS" : "FAIL");
  console.log("\nTargets:");
  console.log(`  two instances ≥ ${TARGETS.ratioToDirect}× one direct   ${String(ratio).padStart(8)}×    ${mark(ratio >= TARGETS.ratioToDirect)}`);
  console.log(`  p99 ≤ ${TARGETS.p99Ms} ms                  ${String(cluster.p99Ms).padStart(8)} ms  ${mark(cluster.p99Ms <= TARGETS.p99Ms)}`);
  console.log(`  errors = ${TARGETS.errors}                   ${String(cluster.errors).padStart(8)}     ${mark(cluster.errors <= TARGETS.errors)}`);
  console.log("");
}

async function cleanUp() {
  for (const thing of started.reverse()) await thing.stop().catch(() => undefined);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping everything this benchmark started …`);
    void cleanUp().finally(() => process.exit(130));
  });
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
