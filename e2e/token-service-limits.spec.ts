// The production server runs one process per core; the limit on failed client
// authentications must hold for the server as a whole, not per process. Each request
// below goes on a new connection, which the cluster hands to the processes in turn. The
// limit is per (client id, address): the client's own application, on another address
// (127.0.0.2, also loopback), is never locked out by someone who knows its id.
import { request as httpRequest } from "node:http";
import { basicAuthorization } from "@/lib/testing/post-token";
import { expect, signInAs, test } from "./support/fixtures";
import { E2E_PORT } from "./support/e2e-env";
import { createClientCli } from "./support/secrets";

const DEFAULT_LIMIT = 10; // LATCHKEY_AUTH_FAILURES_PER_CLIENT's default (per client id and address)

const ATTACKER = "127.0.0.1";
const APPLICATION = "127.0.0.2";

function tokenOnNewConnection(clientId: string, secret: string, from = ATTACKER): Promise<{ status: number; retryAfter?: string }> {
  return new Promise((resolve, reject) => {
    const body = "grant_type=client_credentials";
    const req = httpRequest(`http://127.0.0.1:${E2E_PORT}/identity/token`, {
      method: "POST",
      agent: false,
      localAddress: from,
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

test("a client id is blocked from the address that failed, counted across all server processes, never from another address", async ({ tenant }) => {
  const client = createClientCli(tenant.slug, "Rate-limited service");
  expect((await tokenOnNewConnection(client.clientId, client.clientSecret)).status).toBe(200);
  for (let i = 0; i < DEFAULT_LIMIT; i++) expect((await tokenOnNewConnection(client.clientId, "lk_wrong")).status).toBe(401);
  // The process that counted the last failure tells the others through the primary; give that message a moment.
  await expect.poll(async () => (await tokenOnNewConnection(client.clientId, client.clientSecret)).status).toBe(429);
  const blocked = await tokenOnNewConnection(client.clientId, client.clientSecret);
  expect(blocked.status).toBe(429);
  expect(Number(blocked.retryAfter)).toBeGreaterThan(0);
  // The application, from its own address, goes on getting tokens on every process.
  for (let i = 0; i < 4; i++) expect((await tokenOnNewConnection(client.clientId, client.clientSecret, APPLICATION)).status).toBe(200);
  // Another client of the same tenant is not affected.
  const other = createClientCli(tenant.slug, "Unaffected service");
  expect((await tokenOnNewConnection(other.clientId, other.clientSecret)).status).toBe(200);
});

test("the client's page shows its failed sign-ins of the last hour, from every address and process", async ({ page, tenant }) => {
  const client = createClientCli(tenant.slug, "Watched service");
  // From two addresses, fewer failures each than the limit: nobody is blocked, all are counted.
  for (let i = 0; i < 6; i++) expect((await tokenOnNewConnection(client.clientId, "lk_wrong", i % 2 ? ATTACKER : APPLICATION)).status).toBe(401);
  await signInAs(page.request, tenant.admin);
  // Each process writes its count every few seconds.
  await expect
    .poll(
      async () => {
        await page.goto(`/t/${tenant.slug}/clients/${client.clientId}`);
        return page
          .getByText(/failed sign-ins? in the last hour/)
          .textContent({ timeout: 1_000 })
          .catch(() => null);
      },
      { timeout: 20_000 },
    )
    .toMatch(/^6 failed sign-ins in the last hour/);
});
