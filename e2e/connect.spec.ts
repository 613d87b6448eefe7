// The Connect tab: working code for each client, run here for real. A client made in the
// portal, its secret copied from the one-time dialog, and the curl and Node.js snippets
// copied from the page get a token from the test server with the secret in the environment.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { decodeJwt } from "jose";
import type { Page } from "@playwright/test";
import { createClientWithCli } from "./support/clients";
import { expectNoSeriousAxeViolations } from "./support/axe";
import { E2E_BASE_URL } from "./support/e2e-env";
import { expect, signInAs, test } from "./support/fixtures";
import { copySecretAndClose, recordResponses } from "./support/secrets";
import { onlyEnv } from "@/lib/testing/only-env";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

// A name that would break a snippet if it were ever written outside a comment.
const NAME = `Historian "A" $(touch /tmp/pwned) \`id\``;

/** The code of the snippet whose tab is selected, as the page shows it. */
function selectedCode(page: Page) {
  return page.getByRole("tabpanel").locator("code");
}

function expectTokenFor(token: string, clientId: string) {
  expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  expect(decodeJwt(token)).toMatchObject({ client_id: clientId, iss: `${E2E_BASE_URL}/identity`, aud: `${E2E_BASE_URL}/api` });
}

test("the curl and Node.js snippets of a new client-credentials client get a token with the secret from the dialog", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients/new`);
  await page.getByLabel("Name").fill(NAME);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Add", exact: true }).click();
  const { clientId, secret } = await copySecretAndClose(page);
  const responses = await recordResponses(page);

  // Where the add-client wizard lands: the banner, and the way back to the highlighted row.
  await page.goto(`/t/${tenant.slug}/clients/${clientId}/connect?created=1`);
  await expect(page.getByRole("status").filter({ hasText: `Client “${NAME}” is ready. Connect your application with the code below` })).toBeVisible();
  await expect(page.getByRole("link", { name: "back to the clients list" })).toHaveAttribute("href", `/t/${tenant.slug}/clients?created=${clientId}`);
  await expect(page.getByRole("navigation", { name: "Client sections" }).getByRole("link", { name: "Connect" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { name: "Connect your application" })).toBeVisible();

  // The token service's addresses, each with its copy button.
  const values = page.getByRole("definition");
  await expect(values.filter({ hasText: `${E2E_BASE_URL}/identity/token` })).toHaveCount(1);
  await expect(values.filter({ hasText: `${E2E_BASE_URL}/identity/.well-known/openid-configuration` })).toHaveCount(1);
  await expect(values.filter({ hasText: `${E2E_BASE_URL}/identity/jwks` })).toHaveCount(1);
  await expect(values.filter({ hasText: `${E2E_BASE_URL}/api` }).filter({ hasNotText: "identity" })).toHaveCount(1);
  await page.getByRole("button", { name: "Copy Token endpoint" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${E2E_BASE_URL}/identity/token`);

  // The languages are tabs the keyboard moves through.
  const tabs = page.getByRole("tablist", { name: "Code samples by language" }).getByRole("tab");
  await expect(tabs).toHaveText(["curl", "Python", "Node.js", "C#", "PowerShell"]);
  await tabs.first().focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "Python" })).toBeFocused();
  await expect(page.getByRole("tab", { name: "Python" })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("End");
  await expect(page.getByRole("tab", { name: "PowerShell" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tabpanel", { name: "PowerShell" })).toContainText("Invoke-RestMethod");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "curl" })).toHaveAttribute("aria-selected", "true");

  // curl, as copied from the page, in a shell with the secret in the environment.
  const curl = await selectedCode(page).textContent();
  expect(curl).toContain(clientId);
  const shell = spawnSync("bash", ["-c", curl!], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: onlyEnv({ LATCHKEY_CLIENT_SECRET: secret }) });
  expect(shell.status, shell.stderr).toBe(0);
  expectTokenFor((JSON.parse(shell.stdout) as { access_token: string }).access_token, clientId);

  // Node.js, copied with its button, run with the project's node and openid-client.
  await page.getByRole("tab", { name: "Node.js" }).click();
  await page.getByRole("button", { name: "Copy Node.js snippet" }).click();
  const node = await page.evaluate(() => navigator.clipboard.readText());
  expect(node).toBe(await selectedCode(page).textContent());
  const dir = mkdtempSync(path.join("data", "connect-e2e-"));
  try {
    writeFileSync(path.join(dir, "token.mjs"), node);
    const run = spawnSync(process.execPath, [path.join(dir, "token.mjs")], { encoding: "utf8", env: onlyEnv({ LATCHKEY_CLIENT_SECRET: secret }) });
    expect(run.status, run.stderr).toBe(0);
    expectTokenFor(run.stdout.trim(), clientId);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // The secret is on no page and in no answer; the snippets only name its variable.
  await expect(selectedCode(page)).toContainText("process.env.LATCHKEY_CLIENT_SECRET");
  expect(await page.content()).not.toContain(secret);
  expect(responses.length).toBeGreaterThan(0);
  for (const { body } of responses) expect(body).not.toContain(secret);
  await expectNoSeriousAxeViolations(page);
});

test("at 390 px the code scrolls inside its box and the page does not", async ({ page, tenant }) => {
  const client = createClientWithCli(tenant.slug, "Narrow", ["--type", "client-credentials"]);
  await signInAs(page.request, tenant.admin);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/t/${tenant.slug}/clients/${client.clientId}/connect`);
  await page.getByRole("tab", { name: "C#" }).click();
  const code = page.getByRole("tabpanel").locator("pre");
  await expect(code).toBeVisible();
  expect(await code.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await expectNoSeriousAxeViolations(page);
});

test("each type of client gets its own code, and members see it too", async ({ page, tenant }) => {
  const browserApp = createClientWithCli(tenant.slug, "Dashboard", ["--type", "authorization-code", "--redirect-uri", "https://dash.example.test/callback"]);
  const webApp = createClientWithCli(tenant.slug, "Portal app", [
    "--type",
    "hybrid",
    "--redirect-uri",
    "https://web.example.test/signin-oidc",
    "--allow-refresh-token",
  ]);
  await signInAs(page.request, tenant.member);

  await page.goto(`/t/${tenant.slug}/clients/${browserApp.clientId}`);
  await page.getByRole("navigation", { name: "Client sections" }).getByRole("link", { name: "Connect" }).click();
  await expect(page).toHaveURL(`/t/${tenant.slug}/clients/${browserApp.clientId}/connect`);
  await expect(page.getByRole("tab")).toHaveText(["oidc-client-ts", "openid-client (browser)", "HTTP"]);
  await expect(selectedCode(page)).toContainText('redirect_uri: "https://dash.example.test/callback"');
  await expect(selectedCode(page)).not.toContainText("LATCHKEY_CLIENT_SECRET");
  await expect(page.getByRole("definition").filter({ hasText: `${E2E_BASE_URL}/identity/auth` })).toHaveCount(1);
  await expect(page.getByText("is ready")).toHaveCount(0);
  await expectNoSeriousAxeViolations(page);

  await page.goto(`/t/${tenant.slug}/clients/${webApp.clientId}/connect`);
  await expect(page.getByRole("tab")).toHaveText(["Node.js", "HTTP"]);
  await expect(selectedCode(page)).toContainText("client.ClientSecretBasic(secret)");
  await expect(selectedCode(page)).toContainText("refreshTokenGrant");
  expect(await page.content()).not.toContain(webApp.clientSecret!);
});

test("another tenant's client has no Connect tab to open", async ({ page, tenant, outsider }) => {
  const client = createClientWithCli(tenant.slug, "Private", ["--type", "client-credentials"]);
  await signInAs(page.request, outsider.admin);
  const response = await page.goto(`/t/${tenant.slug}/clients/${client.clientId}/connect`);
  expect(response?.status()).toBe(404);
  const own = await page.goto(`/t/${outsider.slug}/clients/${client.clientId}/connect`);
  expect(own?.status()).toBe(404);
});
