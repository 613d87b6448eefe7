// Reference (a) of `npm run bench:token`: stock oidc-provider at its best, so Latchkey's
// token endpoint has something honest to be compared with. No database, no hashing: the
// clients are static, in memory, with plaintext secrets, and the provider is the same
// version and configured like Latchkey's (client credentials, one audience through
// resource indicators, ES256 JWT access tokens). One cluster worker per core.
//
// Compiled and started by scripts/bench-token.ts as plain Node, like Latchkey's server.
// Mounted under /identity the way lib/oauth/identity-handler.ts mounts
// Latchkey's provider (issuer http://127.0.0.1:PORT/identity), so the load generator sends
// the very same requests to both, only the port differs.
//
// Input: BENCH_STOCK_PORT, and on stdin one JSON array [{ clientId, secret }] (the
// plaintexts stay out of the environment, the command line and the disk). The primary
// generates the one ES256 signing key and hands clients and key to each worker over IPC.
import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import os from "node:os";
import { text } from "node:stream/consumers";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from "jose";
import Provider, { type ClientMetadata, type Configuration } from "oidc-provider";

type StockClient = { clientId: string; secret: string };
type Setup = { clients: StockClient[]; jwk: JWK; cookieKey: string };

const PREFIX = "/identity";
const PORT = Number(process.env.BENCH_STOCK_PORT ?? 3297);
const HOST = "127.0.0.1";

if (cluster.isPrimary) await primary();
else worker();

async function primary() {
  const clients = JSON.parse(await text(process.stdin)) as StockClient[];
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const exported = await exportJWK(privateKey);
  const setup: Setup = {
    clients,
    jwk: { ...exported, alg: "ES256", use: "sig", kid: await calculateJwkThumbprint(exported) },
    // Same cookie key everywhere; client credentials sets no cookie, this only silences the
    // provider's warning about generated keys.
    cookieKey: randomBytes(32).toString("base64url"),
  };
  const workers = os.availableParallelism();
  let listening = 0;
  for (let i = 0; i < workers; i++) {
    const child = cluster.fork();
    child.on("online", () => child.send(setup));
    child.on("listening", () => {
      if (++listening === workers) console.log(`stock oidc-provider: ${workers} workers, ${clients.length} clients, on http://${HOST}:${PORT}${PREFIX}`);
    });
  }
  // A worker that dies mid-run would quietly lower the baseline: make it visible and stop.
  cluster.on("exit", (child, code, signal) => {
    console.error(`stock worker ${child.process.pid} exited (code ${code}, signal ${signal})`);
    process.exit(1);
  });
}

function worker() {
  process.once("message", (setup: Setup) => {
    const provider = new Provider(`http://${HOST}:${PORT}${PREFIX}`, configuration(setup));
    const callback = provider.callback();
    // As lib/oauth/identity-handler.ts: strip the prefix, keep originalUrl for public URLs.
    const server = createServer((req: IncomingMessage & { originalUrl?: string }, res) => {
      req.originalUrl = req.url;
      req.url = req.url!.slice(PREFIX.length) || "/";
      void callback(req, res);
    });
    server.listen(PORT, HOST);
  });
}

function configuration({ clients, jwk, cookieKey }: Setup): Configuration {
  const audience = `http://${HOST}:${PORT}/api`;
  return {
    // A static client has exactly one client_secret, so each stock client gets one.
    clients: clients.map((c): ClientMetadata => ({
      client_id: c.clientId,
      client_secret: c.secret,
      grant_types: ["client_credentials"],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: "client_secret_basic",
    })),
    // The one key is ES256; ID tokens (unused here) would otherwise default to RS256 and
    // the provider would refuse every client's metadata for lack of an RS256 key.
    clientDefaults: { id_token_signed_response_alg: "ES256" },
    jwks: { keys: [jwk] } as Configuration["jwks"],
    cookies: { keys: [cookieKey] },
    // The token's lifetime from the resource server info, as Latchkey sets it (3600 s either
    // way; this only silences the provider's notice about its default).
    ttl: { ClientCredentials: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? 3600 },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: "",
          audience,
          accessTokenTTL: 3600,
          accessTokenFormat: "jwt",
          jwt: { sign: { alg: "ES256" } },
        }),
      },
    },
  };
}
