import cluster from "node:cluster";
import { AggregatorRegistry } from "prom-client";
import type { ServerConfig } from "@/lib/config";
import { databaseKind, sqliteFilePath } from "@/lib/db/database-url";
import { EXIT_CONFIG } from "@/lib/db/migration-status";
import { startSqliteCheckpoints } from "@/lib/db/sqlite-checkpoints";
import { relayBlocksBetweenWorkers } from "@/lib/oauth/relay-auth-blocks";
import { openManagementListener } from "./management-listener";
import { askWorkersReadiness, liveWorkers } from "./worker-readiness";
import { logger } from "@/lib/logging/logger";

const STOP_DEADLINE_MS = 10_000;
// glibc gives each thread that allocates its own malloc arena (V8's compiler and collector
// threads, libuv's pool), each holding on to what it once used: two arenas left each worker
// about 5 MB smaller at start (npm run bench:token's memory figures). The operator's setting wins.
const WORKER_ENV = { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? "2" };

/**
 * The cluster's primary: starts the workers, replaces one that dies, serves the management
 * listener for all of them (readiness asked of each, metrics summed over them), and on
 * SIGTERM turns /readyz to 503 at once and waits for the workers' own graceful stop.
 */
export async function runPrimary(config: ServerConfig, v8Flags: string[]): Promise<void> {
  relayBlocksBetweenWorkers();
  // The workers' SQLite connections leave the WAL's checkpoints to this process.
  const stopCheckpoints = databaseKind(process.env) === "sqlite" ? startSqliteCheckpoints(sqliteFilePath(process.env)) : () => undefined;
  cluster.setupPrimary({ execArgv: [...process.execArgv, ...v8Flags] });
  const metrics = new AggregatorRegistry();
  let stopping = false;
  const management = await openManagementListener(config.management, {
    healthy: () => !stopping && liveWorkers().length > 0,
    readiness: async () => (stopping ? { ready: false, reason: "shutting down" } : askWorkersReadiness()),
    metrics: async () => ({ contentType: metrics.contentType, body: await metrics.clusterMetrics() }),
  });

  // Whether the instance has ever served: a worker of the first start that fails before it
  // listens (a database refused or out of reach, a missing key-encryption key: it said why)
  // would fail again, so the instance stops with its code, as a lone process does, for
  // systemd's restart policy, rather than restarting in a loop. Once it has served, a
  // worker that dies is replaced and the others serve on whatever stopped it.
  let served = false;
  cluster.on("listening", () => (served = true));
  cluster.on("exit", (worker, code, signal) => {
    // A worker that stopped when told to (a signal to the whole process group, as on Ctrl-C
    // or from systemd, may reach it before this process) is not replaced.
    if (stopping || code === 0) return;
    if (!served || code === EXIT_CONFIG) {
      stopping = true;
      logger.error({ worker: worker.process.pid, signal, exitCode: code }, `Latchkey worker ${worker.process.pid} failed to start: stopping`);
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill("SIGTERM");
      management.close();
      process.exit(code === EXIT_CONFIG ? EXIT_CONFIG : 1);
    }
    logger.error(
      { worker: worker.process.pid, signal, exitCode: code },
      `Latchkey worker ${worker.process.pid} stopped (${signal ?? `exit code ${code}`}); starting another`,
    );
    setTimeout(() => stopping || cluster.fork(WORKER_ENV), 1_000);
  });
  for (let i = 0; i < config.workers; i++) cluster.fork(WORKER_ENV);

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      // Each worker keeps serving for the shutdown delay, then drains (start-server.ts).
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
      const doneWhenAllExited = () => {
        if (Object.keys(cluster.workers ?? {}).length > 0) return;
        stopCheckpoints();
        management.close();
        process.exit(0);
      };
      cluster.on("exit", doneWhenAllExited);
      doneWhenAllExited();
      setTimeout(() => process.exit(0), STOP_DEADLINE_MS).unref();
    });
  }
}
