// Latchkey's server: the admin portal (Next.js) and the token service (oidc-provider under
// /identity) on one port, and the management listener (/healthz, /readyz, /metrics) on
// another. In production one process per core (LATCHKEY_WORKERS) shares the public port
// through Node's cluster module; everything they share lives in the database, and the
// primary only starts them and serves the management listener for all of them (it loads
// neither Next.js nor the database, to stay small).
import cluster from "node:cluster";
import { serverConfig } from "@/lib/config";
import { prepareEnvironment } from "./prepare-environment";
import { holdSqliteInstanceLock } from "./sqlite-instance-lock";
import { logger } from "@/lib/logging/logger";

const config = serverConfig();
prepareEnvironment(config);
const dev = process.env.NODE_ENV !== "production";

if (cluster.isPrimary) {
  const refusal = holdSqliteInstanceLock(process.env);
  if (refusal) {
    logger.fatal(`latchkey: ${refusal}`);
    process.exit(1);
  }
}

if (cluster.isPrimary && !dev && config.workers > 1) {
  const { runPrimary } = await import("./run-primary");
  await runPrimary(config, workerV8Flags(config));
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
