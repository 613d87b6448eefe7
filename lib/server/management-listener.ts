import { createServer, type Server } from "node:http";
import { logger, messageOf } from "@/lib/logging/logger";

export type Readiness = { ready: true } | { ready: false; reason: string };

export type ManagementProbes = {
  /** Whether the process serves requests (no database call). */
  healthy(): boolean;
  readiness(): Promise<Readiness>;
  /** Prometheus text exposition, and its content type. */
  metrics(): Promise<{ contentType: string; body: string }>;
};

/**
 * The operator's side door, apart from the public port (by default on loopback only):
 * GET /healthz, /readyz and /metrics, for load balancers, orchestrators and Prometheus.
 * It answers nothing else and reads no request body.
 */
export function startManagementListener(host: string, port: number, probes: ManagementProbes): Promise<Server> {
  const server = createServer((req, res) => {
    const path = req.url?.split("?")[0];
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, "text/plain", "GET only\n");
    if (path === "/healthz") return probes.healthy() ? send(200, "text/plain", "ok\n") : send(503, "text/plain", "not serving\n");
    if (path === "/readyz") {
      return void probes.readiness().then(
        (readiness) => send(readiness.ready ? 200 : 503, "application/json", `${JSON.stringify(readiness)}\n`),
        (error: unknown) => send(503, "application/json", `${JSON.stringify({ ready: false, reason: messageOf(error) })}\n`),
      );
    }
    if (path === "/metrics") {
      return void probes.metrics().then(
        ({ contentType, body }) => send(200, contentType, body),
        (error: unknown) => send(500, "text/plain", `metrics unavailable: ${messageOf(error)}\n`),
      );
    }
    send(404, "text/plain", "not found: /healthz, /readyz or /metrics\n");
  });
  // A keep-alive scraper must not hold a stopping instance open.
  server.keepAliveTimeout = 1_000;
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === "EADDRINUSE"
            ? `the management port ${host}:${port} is in use (another instance on this machine?); give each instance its own LATCHKEY_MANAGEMENT_PORT`
            : `could not open the management listener on ${host}:${port}: ${error.message}`,
        ),
      ),
    );
    server.listen(port, host, () => resolve(server));
  });
}

/** As startManagementListener; a port that cannot be opened stops the process with one line. */
export function openManagementListener(config: { host: string; port: number }, probes: ManagementProbes): Promise<Server> {
  return startManagementListener(config.host, config.port, probes).catch((error: unknown) => {
    logger.fatal({ host: config.host, port: config.port }, `latchkey: ${messageOf(error)}`);
    process.exit(1);
  });
}
