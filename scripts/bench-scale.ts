// `npm run bench:scale`: the token benchmark (scripts/bench-token.ts) at 1,000, 10,000 and
// 100,000 clients, warm and cold, on SQLite and, when DATABASE_URL is a postgres:// URL of
// a local test database, on PostgreSQL too; stock oidc-provider with the same clients beside
// each run (bench-token measures both). Prints a table with each figure's ratio to the
// 1,000-client run of the same database and pattern, then one JSON line:
// { "runs": [ { clients, pattern, database, tokensPerSecond, p99Ms, peakPssMb, baselineTokensPerSecond, eventLoopDelayP99Ms, … } ] }.
// eventLoopDelayP99Ms is bench-token's paced figure (what blocks a loop), saturatedEventLoopDelayP99Ms
// the measured window's (how long a saturated turn takes); see bench-token.ts.
//
// Each run is bench-token in its own process (its JSON last line is read back), so the
// figures are the very ones `npm run bench:token` prints. It builds once into .next-bench
// (BENCH_SKIP_BUILD=1 reuses that build) and runs shorter than bench-token's defaults, to
// stay within about half an hour on the 2-vCPU machine: BENCH_SECONDS 10 and
// BENCH_WARMUP_SECONDS 5 unless set. BENCH_SCALE_CLIENTS (e.g. "1000,10000") picks the
// sizes. Each run's full report is kept in data/bench-scale/<database>-<clients>-<pattern>.log.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";
import { BENCH_DIST_DIR, buildForBench } from "./bench-build";

type Pattern = "warm" | "cold";
type Database = "sqlite" | "postgresql";
type Run = {
  clients: number;
  pattern: Pattern;
  database: Database;
  tokensPerSecond: number;
  p99Ms: number;
  peakPssMb: number;
  baselineTokensPerSecond: number;
  eventLoopDelayP99Ms: number | null;
  eventLoopDelayMaxMs: number | null;
  saturatedEventLoopDelayP99Ms: number | null;
  pacedP99Ms: number | null;
  cacheMissRate: number | null;
  seconds: number;
  errors: number;
  seedMs: number;
};

const SIZES = (process.env.BENCH_SCALE_CLIENTS ?? "1000,10000,100000").split(",").map((s) => Number(s.trim()));
const PATTERNS: Pattern[] = ["warm", "cold"];
const POSTGRES_URL = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "") ? process.env.DATABASE_URL : undefined;
const DATABASES: Database[] = POSTGRES_URL ? ["sqlite", "postgresql"] : ["sqlite"];
const LOG_DIR = path.resolve("data/bench-scale");
const BIN = path.resolve("node_modules/.bin");
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ""}`,
  NEXT_TELEMETRY_DISABLED: "1",
  NEXT_DIST_DIR: BENCH_DIST_DIR,
  BENCH_SECONDS: process.env.BENCH_SECONDS || "10",
  BENCH_WARMUP_SECONDS: process.env.BENCH_WARMUP_SECONDS || "5",
};

let running: ChildProcess | undefined;
let interrupted = false;

async function main() {
  if (SIZES.some((n) => !Number.isInteger(n) || n < 100))
    throw new Error(`BENCH_SCALE_CLIENTS must list whole numbers ≥ 100, not "${process.env.BENCH_SCALE_CLIENTS}"`);
  const started = performance.now();
  mkdirSync(LOG_DIR, { recursive: true });
  console.log(
    `Scale benchmark: ${SIZES.join(", ")} clients × ${PATTERNS.join(", ")} on ${DATABASES.join(" and ")}, ${env.BENCH_SECONDS} s per window after ${env.BENCH_WARMUP_SECONDS} s warm-up chunks`,
  );
  if (process.env.BENCH_SKIP_BUILD !== "1") {
    console.log(`Building into ${BENCH_DIST_DIR} once …`);
    buildForBench(env);
  }

  const runs: Run[] = [];
  const failed: string[] = [];
  for (const database of DATABASES) {
    for (const clients of SIZES) {
      for (const pattern of PATTERNS) {
        const name = `${database}-${clients}-${pattern}`;
        const runStarted = performance.now();
        try {
          const run = await runBenchToken(database, clients, pattern, path.join(LOG_DIR, `${name}.log`));
          runs.push(run);
          console.log(
            `${name}: ${run.tokensPerSecond} tokens/s (stock ${run.baselineTokensPerSecond}), p99 ${run.p99Ms} ms, PSS ${run.peakPssMb} MB, ` +
              `event-loop p99 ${run.eventLoopDelayP99Ms ?? "?"} ms paced (${run.saturatedEventLoopDelayP99Ms ?? "?"} saturated), in ${Math.round((performance.now() - runStarted) / 1000)} s`,
          );
        } catch (error) {
          if (interrupted) throw error;
          failed.push(name);
          console.log(`${name}: FAILED (${error instanceof Error ? error.message : String(error)}); see ${path.join(LOG_DIR, `${name}.log`)}`);
        }
      }
    }
  }

  printTable(runs);
  console.log(`\n${runs.length} runs in ${Math.round((performance.now() - started) / 60_000)} min${failed.length ? `; failed: ${failed.join(", ")}` : ""}`);
  if (failed.length) process.exitCode = 1;
  console.log(
    JSON.stringify({
      runs: runs.map((r) => ({
        clients: r.clients,
        pattern: r.pattern,
        database: r.database,
        tokensPerSecond: r.tokensPerSecond,
        p99Ms: r.p99Ms,
        peakPssMb: r.peakPssMb,
        baselineTokensPerSecond: r.baselineTokensPerSecond,
        eventLoopDelayP99Ms: r.eventLoopDelayP99Ms,
        eventLoopDelayMaxMs: r.eventLoopDelayMaxMs,
        saturatedEventLoopDelayP99Ms: r.saturatedEventLoopDelayP99Ms,
        pacedP99Ms: r.pacedP99Ms,
        cacheMissRate: r.cacheMissRate,
        seconds: r.seconds,
        errors: r.errors,
      })),
    }),
  );
}

/** One bench-token run in its own process; its report goes to `logFile`, its JSON last line comes back. */
function runBenchToken(database: Database, clients: number, pattern: Pattern, logFile: string): Promise<Run> {
  const childEnv: NodeJS.ProcessEnv = { ...env, BENCH_SKIP_BUILD: "1", BENCH_CLIENTS: String(clients), BENCH_PATTERN: pattern };
  // bench-token takes SQLite unless DATABASE_URL is a postgres:// URL.
  if (database === "sqlite") delete childEnv.DATABASE_URL;
  else childEnv.DATABASE_URL = POSTGRES_URL;
  const output = createWriteStream(logFile);
  const child = spawn("tsx", ["--tsconfig", "tsconfig.node.json", "scripts/bench-token.ts"], { env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  running = child;
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    output.write(chunk);
  });
  child.stderr.pipe(output);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      running = undefined;
      output.end();
      if (code !== 0) return reject(new Error(`bench-token exited with ${signal ?? `code ${code}`}`));
      const last = stdout.trimEnd().split("\n").at(-1) ?? "";
      try {
        resolve({ ...(JSON.parse(last) as Omit<Run, "database">), database });
      } catch {
        reject(new Error(`bench-token's last line is not JSON: ${last.slice(0, 200)}`));
      }
    });
  });
}

function printTable(runs: Run[]) {
  const reference = (r: Run) => runs.find((x) => x.database === r.database && x.pattern === r.pattern && x.clients === SIZES[0]);
  const withRatio = (value: number | null, base: number | null | undefined) =>
    value === null ? "?" : base ? `${value} (${(value / base).toFixed(2)}×)` : String(value);
  const header = [
    "database",
    "clients",
    "pattern",
    "tokens/s",
    "p99 ms",
    "peak PSS MB",
    "stock tokens/s",
    "Latchkey/stock",
    "cold/warm",
    "event-loop p99 ms, paced",
    "event-loop p99 ms, saturated",
    "cache misses/req",
  ];
  const rows = runs.map((r) => {
    const ref = reference(r);
    const warm = runs.find((x) => x.database === r.database && x.clients === r.clients && x.pattern === "warm");
    return [
      r.database,
      r.clients.toLocaleString("en-US"),
      r.pattern,
      withRatio(r.tokensPerSecond, ref?.tokensPerSecond),
      withRatio(r.p99Ms, ref?.p99Ms),
      withRatio(r.peakPssMb, ref?.peakPssMb),
      withRatio(r.baselineTokensPerSecond, ref?.baselineTokensPerSecond),
      `${(r.tokensPerSecond / Math.max(1, r.baselineTokensPerSecond)).toFixed(2)}×`,
      r.pattern === "cold" && warm ? `${(r.tokensPerSecond / Math.max(1, warm.tokensPerSecond)).toFixed(2)}×` : "",
      withRatio(r.eventLoopDelayP99Ms, ref?.eventLoopDelayP99Ms),
      r.saturatedEventLoopDelayP99Ms === null ? "?" : String(r.saturatedEventLoopDelayP99Ms),
      r.cacheMissRate === null ? "?" : String(r.cacheMissRate),
    ];
  });
  console.log(`\nRatios in parentheses: to the ${SIZES[0]!.toLocaleString("en-US")}-client run of the same database and pattern.`);
  // A Markdown table, so it can go into the README as printed.
  console.log(`| ${header.join(" | ")} |`);
  console.log(`|${header.map(() => "---").join("|")}|`);
  for (const row of rows) console.log(`| ${row.join(" | ")} |`);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping the running benchmark …`);
    // bench-token stops everything it started on SIGTERM.
    running?.kill("SIGTERM");
    if (!running) process.exit(130);
    running?.once("exit", () => process.exit(130));
  });
}

try {
  await main();
} catch (error) {
  if (!interrupted) console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = interrupted ? 130 : 1;
}
