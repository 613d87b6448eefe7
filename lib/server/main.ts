// Latchkey's server: the admin portal (Next.js) and the token service (oidc-provider under
// /identity) on one port. In production one process per core (LATCHKEY_WORKERS) shares the
// port through Node's cluster module; everything they share lives in the database, and
// the primary only starts them and counts failed client authentications for all of them
// (it loads neither Next.js nor the database, to stay small).
import cluster from "node:cluster";
import { serverConfig } from "@/lib/config";
import { countFailuresForWorkers } from "@/lib/oauth/auth-failure-limiter";
import { prepareEnvironment } from "./prepare-environment";

const config = serverConfig();
prepareEnvironment(config);
const dev = process.env.NODE_ENV !== "production";

if (cluster.isPrimary && !dev && config.workers > 1) {
  countFailuresForWorkers(config.authFailureLimits);
  cluster.setupPrimary({ execArgv: [...process.execArgv, ...workerV8Flags(config)] });
  let stopping = false;
  cluster.on("exit", (worker, code, signal) => {
    // A worker that stopped when told to (a signal to the whole process group, as on Ctrl-C
    // or from systemd, may reach it before this process) is not replaced.
    if (stopping || code === 0) return;
    console.error(`Latchkey worker ${worker.process.pid} stopped (${signal ?? `exit code ${code}`}); starting another`);
    setTimeout(() => stopping || cluster.fork(), 1_000);
  });
  for (let i = 0; i < config.workers; i++) cluster.fork();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
      cluster.disconnect(() => process.exit(0));
      setTimeout(() => process.exit(0), 10_000).unref();
    });
  }
} else {
  const { startServer } = await import("./start-server");
  await startServer(config, dev);
}

/**
 * Token requests allocate fast and die young, and V8 sizes its heap by the machine's RAM,
 * not by what the process needs: left alone, each worker grows to some 400 MB under load
 * with about 50 MB alive. An 8 MB young generation (semi-space) and a 256 MB old one (the operator can
 * set another) keep it near 200 MB at a small cost in throughput (npm run bench:token).
 */
function workerV8Flags(settings: typeof config): string[] {
  return ["--max-semi-space-size=8", `--max-old-space-size=${settings.workerMaxOldSpaceMb}`];
}
