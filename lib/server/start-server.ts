import cluster from "node:cluster";
import { createServer } from "node:http";
import next from "next";
import { AggregatorRegistry, register } from "prom-client";
import type { ServerConfig } from "@/lib/config";
import { FOREIGN_API_ANSWER, isForeignApiRequest } from "@/lib/http/foreign-api-request";
import { addMissingHeaders, PORTAL_ISOLATION_HEADERS, securityHeaders } from "@/lib/http/security-headers";
import { observeDatabasePool } from "@/lib/metrics/database-pool-metrics";
import { routeConsoleToLogger } from "@/lib/logging/console-to-logger";
import { logRequests } from "@/lib/logging/log-requests";
import { logger } from "@/lib/logging/logger";
import { collectProcessMetrics } from "@/lib/metrics/metrics";
import { createIdentityHandler, isIdentityRequest } from "@/lib/oauth/identity-handler";
import { flushClientAuthFailures } from "@/lib/oauth/client-auth-failures";
import { flushCredentialUses } from "@/lib/oauth/record-credential-use";
import { cachedMigrationStatus } from "@/lib/db/migration-status";
import { checkReadiness, type ServingState } from "./check-readiness";
import { readDatabaseMigrations, refuseNewerDatabase } from "./database-migrations";
import { devSignInNotice } from "./dev-sign-in-notice";
import { openManagementListener } from "./management-listener";
import { answerReadinessQuestions } from "./worker-readiness";

// The whole stop, from the signal to the exit, stays within this.
const STOP_DEADLINE_MS = 9_500;

/** One server process: portal and token service on the configured port. */
export async function startServer(config: ServerConfig, dev: boolean): Promise<void> {
  if (!dev) routeConsoleToLogger();
  // First, before Next.js is prepared: a database a newer build migrated stops this process (exit 78).
  await refuseNewerDatabase();
  collectProcessMetrics();
  observeDatabasePool();
  const app = next({ dev, dir: process.cwd(), hostname: "localhost", port: config.port });
  const [identity] = await Promise.all([createIdentityHandler(config), app.prepare()]);
  const portal = app.getRequestHandler();

  const state: ServingState = {
    stopping: false,
    listening: false,
    hasSigningKey: identity.hasSigningKey,
    migrations: cachedMigrationStatus(readDatabaseMigrations),
  };
  const readiness = () => checkReadiness(state);
  // A lone process serves its own management listener; a worker answers its primary's.
  if (cluster.isWorker) {
    answerReadinessQuestions(readiness);
    // Constructing one makes prom-client answer the primary's requests for this worker's figures.
    new AggregatorRegistry();
  } else {
    await openManagementListener(config.management, {
      healthy: () => state.listening && !state.stopping,
      readiness,
      metrics: async () => ({ contentType: register.contentType, body: await register.metrics() }),
    });
  }

  const headers = { ...securityHeaders(config.baseUrl), ...PORTAL_ISOLATION_HEADERS };
  const server = createServer(
    logRequests(config, (req, res) => {
      if (isIdentityRequest(req.url)) return identity(req, res);
      addMissingHeaders(res, headers);
      if (isForeignApiRequest(req)) {
        res.writeHead(403, { "content-type": "application/json", "cache-control": "no-store" });
        return void res.end(FOREIGN_API_ANSWER);
      }
      return void portal(req, res);
    }),
  );
  server.listen(config.port, config.host, () => {
    state.listening = true;
    if (cluster.isPrimary || cluster.worker?.id === 1) {
      const processes = cluster.isWorker ? `, ${config.workers} processes` : "";
      logger.info(
        { baseUrl: config.baseUrl, issuer: config.issuer, workers: cluster.isWorker ? config.workers : 1 },
        `Latchkey ${dev ? "(development) " : ""}on ${config.baseUrl} — token service at ${config.issuer}${processes}`,
      );
      const notice = devSignInNotice(config);
      if (notice) logger.warn(notice);
    }
  });

  // Once, however many signals arrive (the primary passes on the one the group got too):
  // /readyz says 503 at once; the process goes on serving for the shutdown delay, so the load
  // balancer's check takes it out of rotation; then it stops accepting connections, lets the
  // requests in flight finish, keeps the last "last used" times, and exits.
  let stopping: Promise<void> | undefined;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      stopping ??= (async () => {
        state.stopping = true;
        const deadline = setTimeout(() => process.exit(0), STOP_DEADLINE_MS);
        await new Promise((resolve) => setTimeout(resolve, config.shutdownDelayMs));
        // Keep-alive connections with no request in flight close now; the others after their answer.
        const closed = new Promise((resolve) => server.close(resolve));
        server.closeIdleConnections();
        await closed;
        identity.close();
        await Promise.all([flushCredentialUses(), flushClientAuthFailures()]);
        clearTimeout(deadline);
        process.exit(0);
      })();
    });
  }
}
