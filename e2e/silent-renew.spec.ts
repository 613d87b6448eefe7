// Silent renew as seed 003 recommends: a browser app asks for a new code with prompt=none
// in a hidden iframe. It works for an app on the same site as Latchkey in any browser, and
// for one on another site where the browser allows third-party cookies (the session
// cookies are SameSite=None; Secure); /identity/auth may be framed by the client's own
// origins only.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "@playwright/test";
import { createAuthorizationCodeClientCli } from "./support/secrets";
import { E2E_BASE_URL } from "./support/e2e-env";
import { expect, signInAs, test } from "./support/fixtures";
import { startBrowserApp, type RelyingParty } from "./support/relying-party";

let app: RelyingParty | undefined;
let context: BrowserContext | undefined;
let profile: string | undefined;

test.afterEach(async () => {
  await context?.close();
  await app?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  [app, context, profile] = [undefined, undefined, undefined];
});

function registerApp(tenant: string, rp: RelyingParty, name: string): string {
  const { clientId } = createAuthorizationCodeClientCli(tenant, name, [`${rp.origin}/callback`, `${rp.origin}/silent-callback`]);
  rp.setClient(clientId);
  return clientId;
}

/** Chromium with third-party cookies allowed, as a person may set it (Debian's blocks them by default). */
async function browserAllowingThirdPartyCookies(launchOptions: object): Promise<BrowserContext> {
  profile = mkdtempSync(path.join(tmpdir(), "latchkey-chromium-"));
  mkdirSync(path.join(profile, "Default"));
  writeFileSync(path.join(profile, "Default", "Preferences"), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
  return chromium.launchPersistentContext(profile, { ...launchOptions, baseURL: E2E_BASE_URL });
}

/** Signs in to the portal and once to the app (top level), then renews silently. */
async function renewSilently(page: Page, rp: RelyingParty, email: string): Promise<Record<string, unknown>> {
  await signInAs(page.request, email);
  await page.goto(`${rp.origin}/login`);
  await expect(page).toHaveURL(new RegExp(`^${rp.origin}/callback\\?code=`));
  await expect(page.locator("#result")).toContainText('"status":200');
  await page.goto(`${rp.origin}/silent`);
  const result = page.locator("#result");
  await expect(result).not.toHaveText("working…");
  return JSON.parse((await result.textContent())!) as Record<string, unknown>;
}

test("an app on another site renews silently where the browser allows third-party cookies", async ({ tenant }) => {
  app = await startBrowserApp();
  registerApp(tenant.slug, app, "Cross-site dashboard");
  context = await browserAllowingThirdPartyCookies(test.info().project.use.launchOptions ?? {});
  const page = context.pages()[0] ?? (await context.newPage());
  expect(await renewSilently(page, app, tenant.admin)).toEqual({ code: true, error: null });

  const cookies = await context.cookies(E2E_BASE_URL);
  for (const name of ["next-auth.session-token", "_latchkey_op_session"]) {
    expect(cookies.find((c) => c.name === name)).toMatchObject({ sameSite: "None", secure: true, httpOnly: true });
  }
});

test("an app on another site gets login_required where the browser blocks third-party cookies", async ({ page, tenant }) => {
  // What the README tells such apps: be on Latchkey's site, or be a hybrid (server-side) client.
  app = await startBrowserApp();
  registerApp(tenant.slug, app, "Blocked dashboard");
  expect(await renewSilently(page, app, tenant.admin)).toEqual({ code: false, error: "login_required" });
});

test("an app on the same site renews silently in a browser that blocks third-party cookies", async ({ page, tenant }) => {
  app = await startBrowserApp({ host: "localhost" });
  registerApp(tenant.slug, app, "Same-site dashboard");
  expect(await renewSilently(page, app, tenant.member)).toEqual({ code: true, error: null });
});

test("only the client's own origins may frame its authorization requests; no other Latchkey page may be framed", async ({ page, tenant }) => {
  app = await startBrowserApp();
  const clientId = registerApp(tenant.slug, app, "Framing dashboard");
  const stranger = await startBrowserApp();
  // Opens `src` in an iframe of `host`'s page; Chromium puts an error page in its place
  // when the frame's frame-ancestors refuses the host.
  const frame = async (host: RelyingParty, src: string) => {
    await page.goto(`${host.origin}/frame?${new URLSearchParams({ src })}`);
    await expect(page.locator("#result")).toContainText("framed");
    return page.frameLocator("iframe");
  };
  const refused = async () => expect.poll(() => page.frames()[1]?.url()).toBe("chrome-error://chromewebdata/");
  try {
    // An authorization request Latchkey answers with a page (the redirect URL is not registered).
    const authorize = `${E2E_BASE_URL}/identity/auth?${new URLSearchParams({ client_id: clientId, response_type: "code", redirect_uri: "http://127.0.0.1:1/nope" })}`;
    await expect((await frame(app, authorize)).getByRole("heading", { name: "This sign-in cannot continue" })).toBeVisible();
    await frame(stranger, authorize);
    await refused();
    // The portal's pages and the token service's other pages: by no one.
    await frame(app, `${E2E_BASE_URL}/signin`);
    await refused();
    await frame(app, `${E2E_BASE_URL}/identity/interaction/made-up`);
    await refused();
  } finally {
    await stranger.close();
  }
});
