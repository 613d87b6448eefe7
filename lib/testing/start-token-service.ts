// The real token service on a real HTTP port, as lib/server/main.ts serves it under
// /identity, for integration tests that talk to it with an OAuth client library.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { allowInsecureRequests, discovery, type ServerMetadata } from "openid-client";
import { serverConfig, type ServerConfig } from "@/lib/config";
import { db } from "@/lib/db/prisma";
import { createIdentityHandler, isIdentityRequest } from "@/lib/oauth/identity-handler";

export type TestTokenService = { baseUrl: string; issuer: string; config: ServerConfig; close(): Promise<void> };

export async function startTokenService(env: Record<string, string | undefined> = {}): Promise<TestTokenService> {
  // The portal's session secret, which also keys the token service's cookies.
  process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("base64url");
  const dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-token-service-"));
  // Listen first: the issuer URL contains the port, and the handler is built from it.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Failures answer at once unless a test asks for the floor (failed-authentication-limit.ts).
  const config = serverConfig({
    ...process.env,
    LATCHKEY_BASE_URL: baseUrl,
    LATCHKEY_DATA_DIR: dataDir,
    LATCHKEY_TOKEN_AUDIENCE: undefined,
    LATCHKEY_AUTH_FAILURE_MIN_MS: "1",
    ...env,
  });
  // Failure counts live in the database for every instance to share: each test's service
  // starts from none, as a lone server would, or one test's failures would block the next's.
  await db.authFailureCount.deleteMany();
  const identity = await createIdentityHandler(config);
  server.on("request", (req, res) => {
    if (isIdentityRequest(req.url)) return void identity(req, res);
    res.statusCode = 404;
    res.end();
  });
  return {
    baseUrl,
    issuer: config.issuer,
    config,
    async close() {
      identity.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The service's discovery document, read as an application would (over plain HTTP, as in tests). */
export async function discoverServerMetadata(issuer: string): Promise<ServerMetadata> {
  return (await discovery(new URL(issuer), "unused", undefined, undefined, { execute: [allowInsecureRequests] })).serverMetadata();
}
