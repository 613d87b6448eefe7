// Two instances of the production build on one PostgreSQL database behind HAProxy
// (lib/testing/start-cluster.ts, started once for the file) behave as one Latchkey:
// proven with requests pinned to instance A or B where the proof needs it, and through
// the balancer otherwise. Tokens are requested with openid-client, the portal is driven
// in Chromium, and the operator's steps go through the CLI.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from "jose";
import type { ServerMetadata } from "openid-client";
import { startCluster, type Cluster, type Instance } from "@/lib/testing/start-cluster";
import { signInAs } from "../support/sign-in";
import { CLUSTER_DATABASE_URL, CLUSTER_PORTS, CLUSTER_WORK_DIR } from "./cluster-env";
import { discoverMetadata, requestToken, tokenClient, type Attempt, type Route } from "./token-client";

// LATCHKEY_AUTH_FAILURES_PER_CLIENT for the suite: small, so the limit test is short.
const LIMIT = 4;
// The client cache re-checks versions at most once a second (lib/oauth/client-cache.ts).
const CACHE_SECOND_MS = 1_000;

type SeededClient = { clientId: string; secrets: [string, string]; hints: [string, string] };
type Seeded = { slug: string; admin: string; clients: SeededClient[] };

let cluster: Cluster;
let seeded: Seeded;
let metadata: ServerMetadata;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  cluster = await startCluster({
    databaseUrl: CLUSTER_DATABASE_URL,
    ports: CLUSTER_PORTS,
    workDir: CLUSTER_WORK_DIR,
    env: { LATCHKEY_DEV_SIGNIN: "1", LATCHKEY_AUTH_FAILURES_PER_CLIENT: String(LIMIT), LATCHKEY_AUTH_FAILURE_MIN_MS: "20" },
  });
  const slug = `cluster-${randomBytes(3).toString("hex")}`;
  seeded = JSON.parse(await run("tsx", ["--tsconfig", "tsconfig.node.json", "e2e/cluster/seed-cluster.ts", slug, "8"])) as Seeded;
  metadata = await discoverMetadata(cluster.issuer);
});

test.afterAll(async () => {
  await cluster?.stop();
});

/**
 * A command against the cluster's database, as an operator on one of its machines runs it.
 * Asynchronous on purpose: a test blocked for seconds in a synchronous child process lets
 * the instances close its idle keep-alive connections unseen, and its next fetch fails.
 */
async function run(command: string, args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(command, args, { env: { ...process.env, ...cluster.sharedEnv }, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

/** `npm run latchkey -- <args> --json`, parsed. */
async function latchkey<T>(args: string[]): Promise<T> {
  return JSON.parse(await run("npm", ["run", "-s", "latchkey", "--", ...args, "--json"])) as T;
}

function token(client: SeededClient, secret = client.secrets[0], route: Route = {}): Promise<Attempt> {
  return requestToken(tokenClient(metadata, { clientId: client.clientId, secret }, route));
}

async function accessToken(client: SeededClient, route: Route = {}): Promise<string> {
  const attempt = await token(client, client.secrets[1], route);
  if (!attempt.ok) throw new Error(`no token via ${route.via ?? "the balancer"}: ${attempt.status} ${attempt.message}`);
  return attempt.accessToken;
}

async function jwksOf(instance: Instance): Promise<JSONWebKeySet> {
  return (await (await fetch(`${instance.url}/identity/jwks`)).json()) as JSONWebKeySet;
}

const kidOf = (jwt: string) => decodeProtectedHeader(jwt).kid;

/** latchkey_tokens_issued_total on the instance's management port, summed over its labels. */
async function tokensIssued(instance: Instance): Promise<number> {
  const text = await (await fetch(`${instance.managementUrl}/metrics`)).text();
  return [...text.matchAll(/^latchkey_tokens_issued_total\{[^}]*\} (\d+)$/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
}

/**
 * Token requests through the balancer in `loops` concurrent loops (one client each), until
 * stopped. A refused request is tried once more (as an application's HTTP client would);
 * both counts are kept.
 */
function driveTokens(loops: number, retry: boolean) {
  let running = true;
  const result = { succeeded: 0, retried: 0, failed: [] as string[] };
  const loop = async (client: SeededClient) => {
    while (running) {
      let attempt = await token(client, client.secrets[1]);
      if (!attempt.ok && retry) {
        result.retried++;
        attempt = await token(client, client.secrets[1]);
      }
      if (attempt.ok) result.succeeded++;
      else result.failed.push(`${new Date().toISOString()} ${attempt.status} ${attempt.error ?? ""} ${attempt.message}`);
    }
  };
  const done = Promise.all(seeded.clients.slice(2, 2 + loops).map(loop));
  return {
    result,
    async stop() {
      running = false;
      await done;
      return result;
    },
  };
}

function note(testInfo: TestInfo, type: string, description: string) {
  testInfo.annotations.push({ type, description });
  console.log(`${type}: ${description}`);
}

const environmentsPage = (slug: string) => `/t/${slug}/environments`;

async function addEnvironment(page: Page, name: string) {
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Add environment" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Environment “${name}” added` })).toBeVisible();
}

async function environmentNames(): Promise<string[]> {
  return (await latchkey<{ environments: { name: string }[] }>(["environments", "list", "--tenant", seeded.slug])).environments.map((e) => e.name);
}

test("a secret deleted in the portal of instance A is refused at instance B within a second", async ({ browser }, testInfo) => {
  const [client, a, b] = [seeded.clients[0]!, cluster.a, cluster.b];
  // B knows the client and its secret (cached), as a busy instance would.
  expect((await token(client, client.secrets[0], { via: b.url })).ok).toBe(true);

  const context = await browser.newContext({ baseURL: a.url });
  const page = await context.newPage();
  await signInAs(page.request, seeded.admin);
  await page.goto(`/t/${seeded.slug}/clients/${client.clientId}/secrets`);
  const hint = client.hints[0];
  await page
    .getByRole("row")
    .filter({ hasText: hint })
    .getByRole("button", { name: `Delete secret ${hint}…` })
    .click();
  const confirm = page.getByRole("dialog", { name: `Delete secret ${hint}…?` });
  const answered = page.waitForResponse((response) => response.request().method() === "POST" && !!response.request().headers()["next-action"]);
  await confirm.getByRole("button", { name: "Delete secret" }).click();
  await answered;
  const deletedAt = Date.now();
  await expect(page.getByRole("status").filter({ hasText: `Secret ${hint}… deleted` })).toBeVisible();

  let refused: Attempt | undefined;
  while (Date.now() - deletedAt < 3 * CACHE_SECOND_MS) {
    const attempt = await token(client, client.secrets[0], { via: b.url });
    if (!attempt.ok) {
      refused = attempt;
      break;
    }
    await sleep(25);
  }
  const afterMs = Date.now() - deletedAt;
  expect(refused, "instance B went on accepting the deleted secret").toMatchObject({ status: 401, error: "invalid_client" });
  note(testInfo, "deleted secret", `refused at B ${afterMs} ms after A answered the deletion`);
  expect(afterMs).toBeLessThan(CACHE_SECOND_MS);
  // The client's other secret goes on working at both.
  for (const via of [a.url, b.url]) expect((await token(client, client.secrets[1], { via })).ok).toBe(true);
  await context.close();
});

test("a portal session made at instance A works at instance B, for pages and server actions", async ({ browser }) => {
  const atA = await browser.newContext({ baseURL: cluster.a.url });
  await signInAs(atA.request, seeded.admin);
  const { cookies } = await atA.storageState();
  expect(cookies.map((c) => c.name)).toContain("next-auth.session-token");
  await atA.close();

  // A browser that has never seen A, holding only the cookies A set.
  const atB = await browser.newContext({ baseURL: cluster.b.url, storageState: { cookies, origins: [] } });
  const page = await atB.newPage();
  await page.goto(environmentsPage(seeded.slug));
  await expect(page).toHaveURL(`${cluster.b.url}${environmentsPage(seeded.slug)}`);
  await expect(page.getByRole("heading", { level: 1, name: "Environments" })).toBeVisible();
  await addEnvironment(page, "Made at B");
  expect(await environmentNames()).toContain("Made at B");
  await atB.close();
});

test("a signing-key rotation is honoured by both instances", async ({}, testInfo) => {
  const [client, a, b] = [seeded.clients[1]!, cluster.a, cluster.b];
  const before = { a: await accessToken(client, { via: a.url }), b: await accessToken(client, { via: b.url }) };
  const oldKid = kidOf(before.a);
  expect(kidOf(before.b)).toBe(oldKid);

  const { key } = await latchkey<{ key: { kid: string; activatesAt: string } }>(["signing-keys", "rotate", "--activate-in", "12"]);
  // Published by both within the key poll (a second), before it signs anything.
  await expect
    .poll(async () => [(await jwksOf(a)).keys.map((k) => k.kid), (await jwksOf(b)).keys.map((k) => k.kid)], { timeout: 2 * CACHE_SECOND_MS + 500 })
    .toEqual([expect.arrayContaining([oldKid, key.kid]), expect.arrayContaining([oldKid, key.kid])]);
  // Twelve seconds leave room for a slow CLI start on a busy machine; the check is only
  // meaningful before the activation.
  expect(Date.now()).toBeLessThan(new Date(key.activatesAt).getTime() - 500);
  expect(kidOf(await accessToken(client, { via: a.url }))).toBe(oldKid);

  // From its activation on, each signs with it within the key poll's second (plus a request).
  const activatesAt = new Date(key.activatesAt).getTime();
  await sleep(activatesAt - Date.now());
  const switched = await Promise.all(
    [a, b].map(async (instance) => {
      while (kidOf(await accessToken(client, { via: instance.url })) !== key.kid) {
        if (Date.now() - activatesAt > 5 * CACHE_SECOND_MS) throw new Error(`instance ${instance.name} still signs with ${oldKid}`);
        await sleep(50);
      }
      return Date.now() - activatesAt;
    }),
  );
  note(testInfo, "rotation", `instances a and b signed with the new key ${switched.join(" and ")} ms after its activation`);
  for (const ms of switched) expect(ms).toBeLessThan(CACHE_SECOND_MS + 500);

  const after = { a: await accessToken(client, { via: a.url }), b: await accessToken(client, { via: b.url }) };
  expect([kidOf(after.a), kidOf(after.b)]).toEqual([key.kid, key.kid]);
  // Every token, old key or new, from either instance, verifies against either's JWKS.
  for (const instance of [a, b]) {
    const jwks = createLocalJWKSet(await jwksOf(instance));
    for (const jwt of [before.a, before.b, after.a, after.b]) {
      await expect(jwtVerify(jwt, jwks, { issuer: cluster.issuer, typ: "at+jwt" })).resolves.toBeTruthy();
    }
  }
});

test("a rolling restart under load: each instance stops on SIGTERM within 10 s and comes back, and no token request fails", async ({}, testInfo) => {
  test.setTimeout(120_000);
  const load = driveTokens(4, false);
  await sleep(500);
  for (const instance of [cluster.a, cluster.b]) {
    const exit = await instance.stop();
    expect(exit, `instance ${instance.name} on SIGTERM`).toMatchObject({ code: 0, signal: null });
    expect(exit.afterMs).toBeLessThan(10_000);
    note(testInfo, `exit ${instance.name}`, `${exit.afterMs} ms after SIGTERM, code ${exit.code}`);
    await cluster.balancer.waitFor(instance.name as "a" | "b", "DOWN");
    instance.start();
    await instance.waitReady();
    // Only once HAProxy counts it in again may the other one go.
    await cluster.balancer.waitFor(instance.name as "a" | "b", "UP");
  }
  await sleep(1_000);
  const { succeeded, failed } = await load.stop();
  note(testInfo, "rolling restart", `${succeeded} token requests succeeded, ${failed.length} failed`);
  expect(failed).toEqual([]);
  expect(succeeded).toBeGreaterThan(100);
  // Both restarted instances are back in rotation: each issued tokens since its start.
  const issued = await Promise.all([cluster.a, cluster.b].map(tokensIssued));
  note(testInfo, "after the restart", `a issued ${issued[0]} tokens, b ${issued[1]}`);
  for (const count of issued) expect(count).toBeGreaterThan(0);
});

test("kill -9 of one instance under load: the balancer fails over, and every write that was answered is kept", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  // Portal writes through the balancer: one made in the page, then the same server action
  // sent again with other names, as fast as the instances answer.
  await signInAs(page.request, seeded.admin);
  await page.goto(environmentsPage(seeded.slug));
  const captured = page.waitForRequest((request) => request.method() === "POST" && !!request.headers()["next-action"]);
  await addEnvironment(page, "Kill 0");
  const action = await captured;
  const headers = Object.fromEntries(Object.entries(action.headers()).filter(([name]) => !["cookie", "content-length", "host"].includes(name)));
  const body = action.postData()!;
  expect(body).toContain('"Kill 0"');

  const answered: string[] = [];
  const unanswered: string[] = [];
  let writing = true;
  const writes = (async () => {
    for (let i = 1; writing; i++) {
      const name = `Kill ${i}`;
      const response = await page.request
        .post(action.url(), { headers, data: body.replace('"Kill 0"', `"${name}"`), failOnStatusCode: false })
        .catch(() => undefined);
      const text = response ? await response.text() : "";
      if (response?.ok() && text.includes('"ok":true')) answered.push(name);
      else unanswered.push(`${name}: ${response?.status() ?? "no answer"} ${text.slice(-200)}`);
    }
  })();
  const load = driveTokens(3, true);

  await sleep(1_500);
  const killed = answered.length;
  await cluster.a.kill();
  await cluster.balancer.waitFor("a", "DOWN");
  await sleep(1_500);
  writing = false;
  await writes;
  const { succeeded, retried, failed } = await load.stop();

  note(testInfo, "kill -9", `${succeeded} token requests succeeded (${retried} needed the retry), ${failed.length} failed`);
  note(testInfo, "writes", `${answered.length} answered (${answered.length - killed} after the kill), ${unanswered.length} not: ${unanswered.join("; ")}`);
  expect(failed).toEqual([]);
  expect(answered.length - killed).toBeGreaterThan(0);
  const kept = new Set(await environmentNames());
  expect(answered.filter((name) => !kept.has(name))).toEqual([]);

  // Back to two, for the tests after this one.
  cluster.a.start();
  await cluster.a.waitReady();
  await cluster.balancer.waitFor("a", "UP");
});

// Last: until failures are counted in the database, this fails (each instance counts its own).
test("failed client authentications spread over both instances hit the limit exactly as on one", async () => {
  const [client, a, b] = [seeded.clients[7]!, cluster.a, cluster.b];
  const address = "203.0.113.77";
  const answers: { at: string; status: number; error?: string; retryAfter?: string }[] = [];
  for (let i = 0; i < LIMIT + 4; i++) {
    const instance = i % 2 === 0 ? a : b;
    const attempt = await token(client, "lk_wrong-secret", { via: instance.url, forwardedFor: address });
    answers.push(
      attempt.ok ? { at: instance.name, status: 200 } : { at: instance.name, status: attempt.status, error: attempt.error, retryAfter: attempt.retryAfter },
    );
  }
  expect(answers.slice(0, LIMIT).map((x) => [x.at, x.status, x.error])).toEqual(answers.slice(0, LIMIT).map((x) => [x.at, 401, "invalid_client"]));
  expect(answers.slice(LIMIT).map((x) => [x.at, x.status])).toEqual([
    ["a", 429],
    ["b", 429],
    ["a", 429],
    ["b", 429],
  ]);
  for (const answer of answers.slice(LIMIT)) expect(Number(answer.retryAfter)).toBeGreaterThan(0);
  // The right secret from that address is refused too, at either; from another it works.
  for (const via of [a.url, b.url]) {
    expect(await token(client, client.secrets[0], { via, forwardedFor: address })).toMatchObject({ ok: false, status: 429 });
    expect((await token(client, client.secrets[0], { via, forwardedFor: "203.0.113.78" })).ok).toBe(true);
  }
});
