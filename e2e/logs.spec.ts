// Security regression: the server's log is what an operator ships to a log store that many
// people read. This spec drives every flow (client credentials with a secret and with an
// assertion, failed token requests, an authorization-code sign-in with PKCE, a secret made
// in the portal's one-time dialog, error pages), keeps every secret, assertion, code,
// token and cookie value it saw, and proves none of them reached the log; and that the log
// is JSON lines, one per request, with the fields an operator filters on.
import type { Page } from "@playwright/test";
import * as oidc from "openid-client";
import { SignJWT } from "jose";
import { createSignedJwtClient, ecKeyPair } from "./support/client-keys";
import { E2E_BASE_URL } from "./support/e2e-env";
import { expect, signInAs, test } from "./support/fixtures";
import { startBrowserApp, type RelyingParty } from "./support/relying-party";
import { copySecretAndClose, createAuthorizationCodeClientCli, createClientCli, requestToken } from "./support/secrets";
import { expectAbsentFromServerLog, serverLogEntries, type LogEntry } from "./support/server-log";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

const ISSUER = `${E2E_BASE_URL}/identity`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
// Query parameters and form fields that carry something no log may hold.
const SENSITIVE_PARAMS = [
  "code",
  "state",
  "nonce",
  "code_verifier",
  "code_challenge",
  "client_secret",
  "client_assertion",
  "refresh_token",
  "id_token_hint",
  "token",
  "q",
];
const TOKEN_FIELDS = ["access_token", "id_token", "refresh_token"];

/** What the spec saw, by kind, and every answer of Latchkey's it got (its request id, path and status). */
class Seen {
  readonly values: Record<string, string[]> = {};
  readonly answers: { reqId: string | null; url: string; status: number }[] = [];

  add(what: string, value: string | null | undefined) {
    // Short values ("1", "none") are not secrets and could turn up in any line.
    if (value && value.length >= 8) (this.values[what] ??= []).push(value);
  }

  addParams(params: URLSearchParams) {
    for (const name of SENSITIVE_PARAMS) for (const value of params.getAll(name)) this.add(`the ${name} parameter`, value);
  }

  addTokens(body: Record<string, unknown>) {
    for (const field of TOKEN_FIELDS) if (typeof body[field] === "string") this.add(`an ${field}`, body[field]);
  }

  answer(url: string, status: number, headers: { get(name: string): string | null }) {
    this.answers.push({ reqId: headers.get("x-request-id"), url, status });
  }
}

/** openid-client's requests through a fetch that keeps what it sent (secrets, assertions) and got (tokens). */
function recordingFetch(seen: Seen): oidc.CustomFetch {
  return async (url, options) => {
    const headers = new Headers(options.headers);
    seen.add("an Authorization header", headers.get("authorization")?.replace(/^\w+ /, ""));
    if (options.body instanceof URLSearchParams) seen.addParams(options.body);
    const response = await fetch(url, options as RequestInit);
    seen.answer(url, response.status, response.headers);
    if (response.headers.get("content-type")?.includes("json")) seen.addTokens((await response.clone().json()) as Record<string, unknown>);
    return response;
  };
}

/** Every request the page makes to Latchkey and every answer, with the tokens the token endpoint gives the browser app. */
function recordPage(page: Page, seen: Seen): Promise<void>[] {
  const reading: Promise<void>[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    seen.addParams(url.searchParams);
    const body = request.postData();
    if (body && request.headers()["content-type"]?.includes("application/x-www-form-urlencoded")) seen.addParams(new URLSearchParams(body));
  });
  page.on("response", (response) => {
    if (!response.url().startsWith(E2E_BASE_URL)) return;
    reading.push(
      (async () => {
        const headers = await response.allHeaders();
        seen.answer(response.url(), response.status(), { get: (name) => headers[name] ?? null });
        if (new URL(response.url()).pathname === "/identity/token" && response.request().method() === "POST") {
          seen.addTokens((await response.json()) as Record<string, unknown>);
        }
      })(),
    );
  });
  return reading;
}

async function keepCookies(page: Page, seen: Seen) {
  for (const cookie of await page.context().cookies()) {
    // next-auth's callback-url cookie holds a portal address, which the log names as a path.
    if (/callback-url/.test(cookie.name)) continue;
    seen.add(`the ${cookie.name} cookie`, cookie.value);
    seen.add(`the ${cookie.name} cookie`, decodeURIComponent(cookie.value));
  }
}

/** A signed-JWT client (through the CLI) whose private key this spec holds. */
function signedJwtClient(tenant: string, name: string) {
  const keys = ecKeyPair();
  return { clientId: createSignedJwtClient(tenant, name, keys.publicJwk()).clientId, privateKey: keys.privateKey };
}

let app: RelyingParty | undefined;
test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

test("no secret, assertion, code, token or cookie of any flow reaches the log, which is one JSON line per request", async ({ page, tenant }) => {
  test.setTimeout(120_000);
  const seen = new Seen();
  const reading = recordPage(page, seen);
  const customFetch = recordingFetch(seen);
  // Every client first: the CLI blocks this process for seconds, long enough for the server
  // to close an idle keep-alive connection that fetch would then pick up and fail on.
  app = await startBrowserApp();
  const service = createClientCli(tenant.slug, "Log check service");
  const failing = createClientCli(tenant.slug, "Log check failures");
  const rotated = createClientCli(tenant.slug, "Log check rotation");
  const signer = signedJwtClient(tenant.slug, "Log check signer");
  const forger = signedJwtClient(tenant.slug, "Log check forger");
  const dashboard = createAuthorizationCodeClientCli(tenant.slug, "Log check dashboard", [`${app.origin}/callback`]);

  await test.step("client credentials with a secret and with an assertion, through openid-client", async () => {
    const client = service;
    seen.add("a client secret", client.clientSecret);
    const config = await oidc.discovery(new URL(ISSUER), client.clientId, client.clientSecret, oidc.ClientSecretBasic(client.clientSecret), {
      execute: [oidc.allowInsecureRequests],
      [oidc.customFetch]: customFetch,
    });
    config[oidc.customFetch] = customFetch;
    expect((await oidc.clientCredentialsGrant(config, {})).access_token).toBeTruthy();

    const post = await oidc.discovery(new URL(ISSUER), client.clientId, client.clientSecret, oidc.ClientSecretPost(client.clientSecret), {
      execute: [oidc.allowInsecureRequests],
    });
    post[oidc.customFetch] = customFetch;
    expect((await oidc.clientCredentialsGrant(post, {})).token_type).toMatch(/^bearer$/i);

    const signed = await oidc.discovery(
      new URL(ISSUER),
      signer.clientId,
      {},
      oidc.PrivateKeyJwt(signer.privateKey.toCryptoKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign"]) as CryptoKey),
      { execute: [oidc.allowInsecureRequests] },
    );
    signed[oidc.customFetch] = customFetch;
    expect((await oidc.clientCredentialsGrant(signed, {})).access_token).toBeTruthy();
  });

  await test.step("failed token requests: a wrong secret (header and body) and an assertion signed by another key", async () => {
    const client = failing;
    const wrong = `lk_${"W".repeat(20)}${Math.random().toString(36).slice(2)}`;
    seen.add("a wrong secret", wrong);
    const basic = await requestToken(client.clientId, wrong);
    seen.answer(basic.url, basic.status, basic.headers);
    expect(basic.status).toBe(401);
    const inBody = await fetch(`${ISSUER}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: client.clientId, client_secret: wrong }),
    });
    seen.answer(inBody.url, inBody.status, inBody.headers);
    expect(inBody.status).toBe(401);

    const assertion = await new SignJWT({ jti: crypto.randomUUID() })
      .setProtectedHeader({ alg: "ES256" })
      .setIssuer(forger.clientId)
      .setSubject(forger.clientId)
      .setAudience(`${ISSUER}/token`)
      .setIssuedAt()
      .setExpirationTime("2m")
      .sign(ecKeyPair().privateKey);
    seen.add("a client assertion", assertion);
    const forged = await fetch(`${ISSUER}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: forger.clientId,
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: assertion,
      }),
    });
    seen.answer(forged.url, forged.status, forged.headers);
    expect(forged.status).toBe(401);
  });

  await test.step("an authorization-code sign-in with PKCE through /identity/auth and the portal's sign-in page", async () => {
    app!.setClient(dashboard.clientId);
    await page.goto(`${app!.origin}/login`);
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fidentity%2Finteraction%2F/);
    await keepCookies(page, seen); // the interaction's cookies live only until it ends
    await page.getByLabel("Email").fill(tenant.admin);
    await page.getByRole("button", { name: "Sign in (development)" }).click();
    await expect(page).toHaveURL(new RegExp(`^${app!.origin}/callback\\?code=`));
    await expect(page.locator("#result")).toContainText('"status":200');
    await keepCookies(page, seen);
  });

  await test.step("a secret made in the portal's one-time dialog", async () => {
    await signInAs(page.request, tenant.admin);
    await page.goto(`/t/${tenant.slug}/clients/${rotated.clientId}/secrets`);
    await page.getByRole("button", { name: "Add secret" }).first().click();
    await page.getByLabel("Secret description").fill("log check");
    await page.getByRole("button", { name: "Add", exact: true }).click();
    const made = await copySecretAndClose(page);
    seen.add("the portal's new secret", made.secret);
    expect((await requestToken(rotated.clientId, made.secret)).status).toBe(200);
    await keepCookies(page, seen);
  });

  await test.step("error pages, a search, and a request id the client chose", async () => {
    const search = `payroll-${crypto.randomUUID()}`;
    await page.goto(`/t/${tenant.slug}/clients?q=${search}`);
    expect((await page.goto(`/t/${tenant.slug}/clients/no-such-client`))?.status()).toBe(404);
    await page.goto("/identity/interaction/made-up-interaction");
    await expect(page.getByRole("heading", { name: "This sign-in cannot continue" })).toBeVisible();
    const state = crypto.randomUUID();
    const badAuth = await page.goto(
      `/identity/auth?${new URLSearchParams({ client_id: "no-such-client", response_type: "code", scope: "openid", redirect_uri: "https://app.example.test/cb", state, code_challenge: crypto.randomUUID() + crypto.randomUUID(), code_challenge_method: "S256" })}`,
    );
    expect(badAuth?.status()).toBe(400);
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(`/t/${tenant.slug}/clients?q=${search}`)}`);

    // No LATCHKEY_TRUST_PROXY here: an id the client sends is replaced, on the portal and the token service alike.
    for (const url of [`${E2E_BASE_URL}/signin`, `${ISSUER}/.well-known/openid-configuration`]) {
      const chosen = `client-chosen-${crypto.randomUUID()}`;
      seen.add("a request id the client chose", chosen);
      const response = await fetch(url, { headers: { "x-request-id": chosen } });
      seen.answer(url, response.status, response.headers);
      expect(response.headers.get("x-request-id"), url).toMatch(UUID);
    }
  });

  await Promise.all(reading);
  const answers = seen.answers.filter((answer) => answer.url.startsWith(E2E_BASE_URL));
  for (const answer of answers) expect(answer.reqId, `X-Request-Id on ${new URL(answer.url).pathname}`).toMatch(UUID);
  // The browser answers some requests from its cache, with the id of the request that filled it.
  const byId = new Map(answers.map((answer) => [answer.reqId, answer]));
  for (const kind of ["a client secret", "an access_token", "an id_token", "the code parameter", "the code_verifier parameter", "a client assertion"]) {
    expect(seen.values[kind]?.length ?? 0, `the spec saw ${kind}`).toBeGreaterThan(0);
  }
  expect(Object.keys(seen.values).filter((what) => what.endsWith("cookie")).length, "cookies seen").toBeGreaterThanOrEqual(3);

  // Each line is written when its answer has gone out; the last few may still be on their way.
  let requests = new Map<unknown, LogEntry[]>();
  await expect
    .poll(() => {
      requests = new Map();
      for (const entry of serverLogEntries().filter((line) => line.msg === "request")) requests.set(entry.reqId, [...(requests.get(entry.reqId) ?? []), entry]);
      return [...byId.values()].filter((answer) => !requests.has(answer.reqId)).map((answer) => new URL(answer.url).pathname);
    }, "a log line for every answer")
    .toEqual([]);
  // First what must not be there, so a leak is named as one rather than as a wrong field.
  expectAbsentFromServerLog(seen.values);
  for (const answer of byId.values()) {
    const lines = requests.get(answer.reqId)!;
    const { pathname } = new URL(answer.url);
    expect(lines, pathname).toHaveLength(1);
    expect(lines[0], pathname).toMatchObject({
      method: expect.stringMatching(/^[A-Z]+$/),
      path: pathname.replace(/^(\/identity\/(?:interaction|auth))\/[^/]+/, "$1/:uid"),
      // A revalidated answer is 304 on the wire, and the browser reports the cached one.
      status: lines[0]!.status === 304 ? expect.any(Number) : answer.status,
      durationMs: expect.any(Number),
      reqId: answer.reqId,
    });
  }
  for (const [entry] of requests.values()) expect(String(entry!.path)).not.toContain("?");
});
