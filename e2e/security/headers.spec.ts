// Security regression: every kind of response the server sends carries the security
// headers (issue 8, "Headers"), every page's <title> is in its initial HTML (never
// streamed after the body), and public/ is served. Over HTTP against the production
// build, and in Chromium for what only a browser can tell (the policy lets the portal run).
import { createHash } from "node:crypto";
import type { APIResponse } from "@playwright/test";
import { seedSignedJwtClient } from "../support/client-keys";
import { createClientWithCli } from "../support/clients";
import { expect, signInAs, test } from "../support/fixtures";
import { memberUserId } from "../support/people";

// A desktop Chromium's User-Agent: Next.js decides by it whether metadata may be streamed.
const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

type Csp = Map<string, string[]>;

function csp(response: APIResponse): Csp {
  const header = response.headers()["content-security-policy"];
  expect(header, `Content-Security-Policy of ${response.url()}`).toBeTruthy();
  return new Map(
    header!
      .split(";")
      .map((d) => d.trim().split(/\s+/) as [string, ...string[]])
      .map(([name, ...sources]) => [name, sources]),
  );
}

/** The headers every response carries, and a policy that lets nothing frame it. */
function expectBaseHeaders(response: APIResponse, { frameable = false } = {}): Csp {
  const headers = response.headers();
  expect(headers["x-content-type-options"], response.url()).toBe("nosniff");
  expect(headers["referrer-policy"], response.url()).toBe("no-referrer");
  expect(headers["permissions-policy"], response.url()).toMatch(/(^|, )camera=\(\)/);
  expect(headers["permissions-policy"], response.url()).toMatch(/(^|, )geolocation=\(\)/);
  // The e2e server's base URL is http: no HSTS (unit tests cover https, lib/http/security-headers.test.ts).
  expect(headers["strict-transport-security"], response.url()).toBeUndefined();
  const policy = csp(response);
  if (!frameable) expect(policy.get("frame-ancestors"), response.url()).toEqual(["'none'"]);
  for (const directive of ["script-src", "default-src"]) expect(policy.get(directive) ?? [], response.url()).not.toContain("'unsafe-inline'");
  return policy;
}

/** A page's policy: scripts only with this response's nonce, which its script tags carry. */
async function expectNoncePolicy(response: APIResponse): Promise<string> {
  const policy = expectBaseHeaders(response);
  const nonce = policy
    .get("script-src")
    ?.find((s) => s.startsWith("'nonce-"))
    ?.slice(7, -1);
  expect(nonce, response.url()).toBeTruthy();
  expect(policy.get("script-src")).toContain("'strict-dynamic'");
  const html = await response.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  return nonce!;
}

async function expectTitleInHead(response: APIResponse, title: string) {
  const html = await response.text();
  const head = html.slice(0, html.indexOf("</head>"));
  expect(head, `<head> of ${response.url()}`).toContain(`<title>${title}</title>`);
}

test("portal pages, sign-in, API routes, static files and public/ carry the security headers", async ({ page, tenant }) => {
  const get = (url: string) => page.request.get(url, { headers: { "user-agent": CHROME }, maxRedirects: 0 });

  const signIn = await get("/signin");
  expect(signIn.status()).toBe(200);
  const first = await expectNoncePolicy(signIn);
  expect(await expectNoncePolicy(await get("/signin"))).not.toBe(first);

  // A tenant page asked for signed out: the proxy's redirect.
  const redirect = await get(`/t/${tenant.slug}/clients`);
  expect(redirect.status()).toBe(307);
  expectBaseHeaders(redirect);

  await signInAs(page.request, tenant.admin);
  const clients = await get(`/t/${tenant.slug}/clients`);
  expect(clients.status()).toBe(200);
  await expectNoncePolicy(clients);
  await expectNoncePolicy(await get(`/t/${tenant.slug}/no-such-page`));

  for (const api of ["/api/auth/session", `/api/t/${tenant.slug}/audit`, "/api/auth/csrf"]) {
    const response = await get(api);
    expect(response.status(), api).toBe(200);
    expect(expectBaseHeaders(response).get("default-src"), api).toEqual(["'none'"]);
  }

  const stylesheet = (await signIn.text()).match(/href="(\/_next\/static\/[^"]+\.css)"/)?.[1];
  const script = (await signIn.text()).match(/src="(\/_next\/static\/[^"]+\.js)"/)?.[1];
  for (const asset of [stylesheet!, script!]) {
    const response = await get(asset);
    expect(response.status(), asset).toBe(200);
    expectBaseHeaders(response);
  }

  const robots = await get("/robots.txt");
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toMatch(/^User-agent: \*\nDisallow: \/$/m);
  expectBaseHeaders(robots);
  for (const [icon, type] of [
    ["/favicon.ico", "image/x-icon"],
    ["/favicon.svg", "image/svg+xml"],
  ]) {
    const response = await get(icon!);
    expect(response.status(), icon).toBe(200);
    expect(response.headers()["content-type"]).toContain(type);
    expectBaseHeaders(response);
  }
  expect(await signIn.text()).toContain('<link rel="icon" href="/favicon.svg"');
});

test("the token service's discovery, error page and interaction redirect carry the security headers", async ({ page, tenant }) => {
  const get = (url: string) => page.request.get(url, { maxRedirects: 0 });

  const discovery = await get("/identity/.well-known/openid-configuration");
  expect(discovery.status()).toBe(200);
  expectBaseHeaders(discovery);

  // An error page: one inline stylesheet, allowed by its hash, and no script at all.
  const error = await get("/identity/auth?client_id=no-such-client&response_type=code");
  expect(error.status()).toBe(400);
  const policy = expectBaseHeaders(error);
  expect(policy.get("script-src")).toEqual(["'none'"]);
  const style = (await error.text()).match(/<style>([\s\S]*?)<\/style>/)![1]!;
  expect(policy.get("style-src")).toEqual([`'sha256-${createHash("sha256").update(style).digest("base64")}'`]);

  // A registered client's authorization request: on to the sign-in interaction, framed by its origins only.
  const client = createClientWithCli(tenant.slug, "Header check app", [
    "--type",
    "authorization-code",
    "--redirect-uri",
    "http://127.0.0.1:4999/cb",
    "--cors-origin",
    "https://spa.example.com",
  ]);
  const authorize = await get(
    `/identity/auth?${new URLSearchParams({ client_id: client.clientId, response_type: "code", redirect_uri: "http://127.0.0.1:4999/cb", scope: "openid", code_challenge: createHash("sha256").update("a verifier of at least forty-three characters, for PKCE").digest("base64url"), code_challenge_method: "S256" })}`,
  );
  expect(authorize.status()).toBe(303);
  expect(authorize.headers().location).toMatch(/^\/identity\/interaction\//);
  expect(expectBaseHeaders(authorize, { frameable: true }).get("frame-ancestors")).toEqual(["http://127.0.0.1:4999", "https://spa.example.com"]);

  const interaction = await get(authorize.headers().location!);
  expect(interaction.status()).toBe(302);
  expect(interaction.headers().location).toMatch(/^\/signin\?callbackUrl=/);
  expectBaseHeaders(interaction);
  const expired = await get("/identity/interaction/made-up");
  expect(expired.status()).toBe(400);
  expectBaseHeaders(expired);
});

test("every page type has its <title> in the initial HTML, and the portal runs under its policy", async ({ page, tenant }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const secretClient = createClientWithCli(tenant.slug, "Title check service", ["--type", "client-credentials"]);
  const keyClient = seedSignedJwtClient(tenant.slug, "Title check device");
  const get = (url: string) => page.request.get(url, { headers: { "user-agent": CHROME } });

  await expectTitleInHead(await get("/signin"), "Sign in · Latchkey");
  await expectTitleInHead(await get("/identity/interaction/made-up"), "Sign-in problem · Latchkey");

  // Signing in through the form needs the page's scripts: they ran under the nonce policy.
  await page.goto("/signin");
  await page.getByLabel("Email").fill(tenant.admin);
  await page.getByRole("button", { name: "Sign in (development)" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/clients$`));
  await page.getByRole("link", { name: "Title check service" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Title check service" })).toBeVisible();
  const adminId = await memberUserId(page, tenant.slug, tenant.admin);

  const base = `/t/${tenant.slug}`;
  const pages: [string, string][] = [
    [`${base}/clients`, "Clients"],
    [`${base}/clients/new`, "Add client"],
    [`${base}/clients/${secretClient.clientId}`, "Title check service"],
    [`${base}/clients/${secretClient.clientId}/secrets`, "Secrets · Title check service"],
    [`${base}/clients/${secretClient.clientId}/roles`, "Client roles"],
    [`${base}/clients/${secretClient.clientId}/connect`, "Connect · Title check service"],
    [`${base}/clients/${keyClient.clientId}/keys`, "Keys · Title check device"],
    [`${base}/roles`, "Roles"],
    [`${base}/users`, "Users"],
    [`${base}/users/${adminId}/roles`, "User roles"],
    [`${base}/audit`, "Audit log"],
    [`${base}/settings`, "Settings"],
    [`${base}/environments`, "Environments"],
  ];
  for (const [path, title] of pages) await expectTitleInHead(await get(path), `${title} · Latchkey`);
  await expectTitleInHead(await get(`${base}/no-such-page`), "Latchkey");
  expect(violations).toEqual([]);
});

/** Cross-origin isolation of the portal's own responses (its session cookie is SameSite=None on loopback and https). */
function expectPortalIsolation(response: APIResponse | { headers(): Record<string, string>; url(): string }) {
  const headers = response.headers();
  expect(headers["cross-origin-resource-policy"], response.url()).toBe("same-origin");
  expect(headers["cross-origin-opener-policy"], response.url()).toBe("same-origin");
  expect(headers["x-frame-options"], response.url()).toBe("DENY");
}

test("portal responses of every kind are isolated from other origins; the token service's stay usable by applications", async ({ page, tenant }) => {
  const get = (url: string, headers: Record<string, string> = {}) => page.request.get(url, { headers: { "user-agent": CHROME, ...headers }, maxRedirects: 0 });
  await signInAs(page.request, tenant.admin);

  const clients = await get(`/t/${tenant.slug}/clients`);
  expectPortalIsolation(clients);
  expectPortalIsolation(await get("/signin"));
  expectPortalIsolation(await get("/robots.txt"));

  // A React Server Components request (client-side navigation): the page's policy and headers too.
  // (Next.js first redirects it to the URL with its cache-busting _rsc parameter.)
  const rsc = await page.request.get(`/t/${tenant.slug}/clients`, { headers: { "user-agent": CHROME, RSC: "1" } });
  expect(rsc.status()).toBe(200);
  expect(new URL(rsc.url()).searchParams.has("_rsc")).toBe(true);
  expect(rsc.headers()["content-type"]).toContain("text/x-component");
  expectBaseHeaders(rsc);
  expectPortalIsolation(rsc);

  // The proxy's matcher leaves out whole path segments and literal file names only: these are pages (404) with a nonce.
  for (const path of ["/faviconXico", "/robotsXtxt", "/_next/imagery", "/apis"]) {
    const response = await get(path);
    expect(response.status(), path).toBe(404);
    await expectNoncePolicy(response);
  }

  // The portal's API answers its own pages only: another site's (or a sibling port's) request is refused before the route.
  const audit = `/api/t/${tenant.slug}/audit`;
  expect((await get(audit, { "sec-fetch-site": "same-origin" })).status()).toBe(200);
  for (const [site, api] of [
    ["cross-site", audit],
    ["same-site", audit],
    // A link on another site must not make an administrator's browser export (and log) anything.
    ["cross-site", `${audit}/export?format=csv`],
  ] as const) {
    const refused = await get(api, { "sec-fetch-site": site });
    expect(refused.status(), site).toBe(403);
    expect(await refused.json()).toEqual({ code: "FORBIDDEN", message: "This API answers the Latchkey portal's own pages only." });
    expectBaseHeaders(refused);
    expectPortalIsolation(refused);
  }
  // The export writes an audit entry: a link opened from a mail (Sec-Fetch-Site "none") is refused too.
  const opened = await get(`${audit}/export?format=csv&target=${encodeURIComponent("planted text")}`, { "sec-fetch-site": "none" });
  expect(opened.status()).toBe(403);
  expect((await opened.json()).message).toBe("Start this from the Latchkey portal's own page.");

  // Applications on other sites read discovery and keys (CORS) and frame /identity/auth: no isolation headers there.
  for (const path of ["/identity/.well-known/openid-configuration", "/identity/jwks"]) {
    const response = await get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["cross-origin-resource-policy"], path).toBeUndefined();
    expect(response.headers()["cross-origin-opener-policy"], path).toBeUndefined();
  }
});

test("a server action's POST response carries the security headers", async ({ page, tenant }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(tenant.admin);
  await page.getByRole("button", { name: "Sign in (development)" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/clients$`));
  await page.goto(`/t/${tenant.slug}/settings`);
  await page.getByLabel("Maximum secret lifetime (days)").fill("30");
  const action = page.waitForResponse((response) => response.request().method() === "POST" && !!response.request().headers()["next-action"]);
  await page.getByRole("button", { name: "Save settings" }).click();
  const response = await action;
  expect(response.status()).toBe(200);
  const headers = await response.allHeaders();
  expect(headers["content-type"]).toContain("text/x-component");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["permissions-policy"]).toMatch(/(^|, )camera=\(\)/);
  expect(headers["content-security-policy"]).toMatch(/frame-ancestors 'none'(;|$)/);
  expect(headers["content-security-policy"]).not.toContain("unsafe-inline");
  expectPortalIsolation({ headers: () => headers, url: () => response.url() });
  await expect(page.getByRole("status").filter({ hasText: "Settings saved" })).toBeVisible();
});

// A 500 is not provoked here: nothing in the portal fails on purpose, and breaking the
// database under the shared e2e server would fail other tests. Every response, errors
// included, passes through lib/server/start-server.ts's addMissingHeaders, which the
// responses above prove.
