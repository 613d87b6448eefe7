// People signing in to applications through Latchkey, in Chromium, through the portal's
// real sign-in page: a browser app (authorization code + PKCE, calling the token service
// across origins) and a server-side app (hybrid "code id_token", form_post, refresh).
import { expectNoSeriousAxeViolations } from "./support/axe";
import { createClientWithCli } from "./support/clients";
import { expect, test } from "./support/fixtures";
import { startBrowserApp, startServerApp, type RelyingParty } from "./support/relying-party";
import { createAuthorizationCodeClientCli } from "./support/secrets";
import { expectAbsentFromServerLog } from "./support/server-log";

let app: RelyingParty | undefined;

test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function result(page: import("@playwright/test").Page): Promise<Record<string, unknown>> {
  const pre = page.locator("#result");
  await expect(pre).not.toHaveText("working…");
  return JSON.parse((await pre.textContent())!) as Record<string, unknown>;
}

async function signInOnPortal(page: import("@playwright/test").Page, email: string, application: string) {
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fidentity%2Finteraction%2F/);
  await expect(page.getByText(`to continue to ${application}`)).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Sign in (development)" }).click();
}

test("a browser app signs a member in with PKCE and calls the token service from its own origin", async ({ page, tenant }) => {
  app = await startBrowserApp();
  const client = createClientWithCli(tenant.slug, "Plant dashboard", [
    "--type",
    "authorization-code",
    "--redirect-uri",
    `${app.origin}/callback`,
    "--logout-redirect-uri",
    `${app.origin}/bye`,
  ]);
  app.setClient(client.clientId);

  await page.goto(`${app.origin}/login`);
  await signInOnPortal(page, tenant.admin, "Plant dashboard");
  await expect(page).toHaveURL(new RegExp(`^${app.origin}/callback\\?code=`));
  const signedIn = await result(page);
  expect(signedIn).toMatchObject({ status: 200, refreshToken: false, userinfo: { email: tenant.admin } });
  expect(signedIn.claims).toMatchObject({ client_id: client.clientId, tenant: tenant.slug, roles: ["Account Administrator", "Account Member"] });

  // Signed in now: a second sign-in goes straight through.
  await page.goto(`${app.origin}/login`);
  await expect(page).toHaveURL(new RegExp(`^${app.origin}/callback\\?code=`));
  expect(await result(page)).toMatchObject({ status: 200 });

  // Signing out from the app asks first, then ends the portal session too.
  await page.goto(`${app.origin}/logout`);
  await expect(page.getByRole("heading", { name: "Sign out?" })).toBeVisible();
  await expect(page.getByText("Plant dashboard asks to sign you out.")).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(`${app.origin}/bye`);
  await page.goto(`/t/${tenant.slug}/clients`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
});

test("a member of another tenant gets no code from a browser app", async ({ page, tenant, outsider }) => {
  app = await startBrowserApp();
  const client = createAuthorizationCodeClientCli(tenant.slug, "Shift planner", [`${app.origin}/callback`]);
  app.setClient(client.clientId);

  await page.goto(`${app.origin}/login`);
  await expectNoSeriousAxeViolations(page);
  await signInOnPortal(page, outsider.admin, "Shift planner");
  await expect(page).toHaveURL(new RegExp(`^${app.origin}/callback\\?error=access_denied`));
  expect(await result(page)).toMatchObject({ error: "access_denied", description: expect.stringContaining("not a member") });
});

test("a server-side app signs in with code id_token over form_post and refreshes its tokens", async ({ page, tenant }) => {
  app = await startServerApp();
  const client = createClientWithCli(tenant.slug, "Maintenance portal", [
    "--type",
    "hybrid",
    "--redirect-uri",
    `${app.origin}/callback`,
    "--allow-refresh-token",
    "--lifetime",
    "900",
  ]);
  app.setClient(client.clientId, client.clientSecret);

  await page.goto(`${app.origin}/login`);
  await signInOnPortal(page, tenant.member, "Maintenance portal");
  await expect(page).toHaveURL(`${app.origin}/callback`);
  const signedIn = await result(page);
  expect(signedIn).toMatchObject({ claims: { email: tenant.member, aud: client.clientId }, rotated: true, refreshedExpiresIn: 900 });
  expectAbsentFromServerLog({ "the client secret": client.clientSecret! });
});

test("the sign-in page says which application asks, and an unknown one is named by no one", async ({ page }) => {
  await page.goto("/signin?callbackUrl=%2Fidentity%2Finteraction%2Fmade-up");
  await expect(page.getByText("Manage the clients that sign in to your platform.")).toBeVisible();
  await page.goto("/identity/interaction/made-up");
  await expect(page.getByRole("heading", { name: "This sign-in cannot continue" })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
});
