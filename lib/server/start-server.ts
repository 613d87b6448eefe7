import cluster from "node:cluster";
import { createServer } from "node:http";
import next from "next";
import type { ServerConfig } from "@/lib/config";
import { FOREIGN_API_ANSWER, isForeignApiRequest } from "@/lib/http/foreign-api-request";
import { addMissingHeaders, PORTAL_ISOLATION_HEADERS, securityHeaders } from "@/lib/http/security-headers";
import { createIdentityHandler, isIdentityRequest } from "@/lib/oauth/identity-handler";
import { flushClientAuthFailures } from "@/lib/oauth/client-auth-failures";
import { flushCredentialUses } from "@/lib/oauth/record-credential-use";
import { devSignInNotice } from "./dev-sign-in-notice";

/** One server process: portal and token service on the configured port. */
export async function startServer(config: ServerConfig, dev: boolean): Promise<void> {
  const app = next({ dev, dir: process.cwd(), hostname: "localhost", port: config.port });
  const [identity] = await Promise.all([createIdentityHandler(config), app.prepare()]);
  const portal = app.getRequestHandler();

  const headers = { ...securityHeaders(config.baseUrl), ...PORTAL_ISOLATION_HEADERS };
  const server = createServer((req, res) => {
    if (isIdentityRequest(req.url)) return identity(req, res);
    addMissingHeaders(res, headers);
    if (isForeignApiRequest(req)) {
      res.writeHead(403, { "content-type": "application/json", "cache-control": "no-store" });
      return void res.end(FOREIGN_API_ANSWER);
    }
    return void portal(req, res);
  });
  server.listen(config.port, config.host, () => {
    if (cluster.isPrimary || cluster.worker?.id === 1) {
      const processes = cluster.isWorker ? `, ${config.workers} processes` : "";
      console.log(`Latchkey ${dev ? "(development) " : ""}on ${config.baseUrl} — token service at ${config.issuer}${processes}`);
      const notice = devSignInNotice(config);
      if (notice) console.warn(notice);
    }
  });

  // Once, however many signals arrive (the primary passes on the one the group got too).
  let stopping: Promise<void> | undefined;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      stopping ??= (async () => {
        server.close();
        identity.close();
        // Keep the last few seconds of "last used" times, then stop even if connections linger.
        await Promise.all([flushCredentialUses(), flushClientAuthFailures()]);
        process.exit(0);
      })();
    });
  }
}
