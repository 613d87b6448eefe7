// The production server runs one process per core; the limit on failed client
// authentications must hold for the server as a whole, not per process. Each request
// below goes on a new connection, which the cluster hands to the processes in turn.
import { request as httpRequest } from "node:http";
import { basicAuthorization } from "@/lib/testing/post-token";
import { expect, test } from "./support/fixtures";
import { E2E_BASE_URL } from "./support/e2e-env";
import { createClientCli } from "./support/secrets";

const DEFAULT_LIMIT = 10; // LATCHKEY_AUTH_FAILURES_PER_CLIENT's default

function tokenOnNewConnection(clientId: string, secret: string): Promise<{ status: number; retryAfter?: string }> {
  return new Promise((resolve, reject) => {
    const body = "grant_type=client_credentials";
    const req = httpRequest(`${E2E_BASE_URL}/identity/token`, {
      method: "POST",
      agent: false,
      headers: {
        connection: "close",
        "content-type": "application/x-www-form-urlencoded",
        "content-length": body.length,
        authorization: basicAuthorization(clientId, secret),
      },
    });
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode!, retryAfter: res.headers["retry-after"] as string | undefined }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

test("a client id is blocked after its failed authentications, counted across all server processes", async ({ tenant }) => {
  const client = createClientCli(tenant.slug, "Rate-limited service");
  expect((await tokenOnNewConnection(client.clientId, client.clientSecret)).status).toBe(200);
  for (let i = 0; i < DEFAULT_LIMIT; i++) expect((await tokenOnNewConnection(client.clientId, "lk_wrong")).status).toBe(401);
  // The primary tells every process about the block; give that message a moment.
  await expect.poll(async () => (await tokenOnNewConnection(client.clientId, client.clientSecret)).status).toBe(429);
  const blocked = await tokenOnNewConnection(client.clientId, client.clientSecret);
  expect(blocked.status).toBe(429);
  expect(Number(blocked.retryAfter)).toBeGreaterThan(0);
  // Another client of the same tenant is not affected.
  const other = createClientCli(tenant.slug, "Unaffected service");
  expect((await tokenOnNewConnection(other.clientId, other.clientSecret)).status).toBe(200);
});
