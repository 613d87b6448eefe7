// Latchkey's one server process: the admin portal (Next.js) and the token service
// (oidc-provider under /identity) on the same port.
import { createServer } from "node:http";
import next from "next";
import { serverConfig } from "@/lib/config";
import { createIdentityHandler, isIdentityRequest } from "@/lib/oauth/identity-handler";
import { flushSecretUses } from "@/lib/oauth/record-secret-use";
import { prepareEnvironment } from "./prepare-environment";

const config = serverConfig();
prepareEnvironment(config);

const dev = process.env.NODE_ENV !== "production";
const app = next({ dev, dir: process.cwd(), hostname: "localhost", port: config.port });
const [identity] = await Promise.all([createIdentityHandler(config), app.prepare()]);
const portal = app.getRequestHandler();

const server = createServer((req, res) => {
  if (isIdentityRequest(req.url)) return void identity(req, res);
  return void portal(req, res);
});
server.listen(config.port, config.host, () => {
  console.log(`Latchkey ${dev ? "(development) " : ""}on ${config.baseUrl} — token service at ${config.issuer}`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    // Keep the last few seconds of "last used" times, then stop even if connections linger.
    void flushSecretUses().finally(() => process.exit(0));
  });
}
