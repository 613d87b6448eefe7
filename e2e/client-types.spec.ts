import type { Page } from "@playwright/test";
import { setClientNamePolicy } from "./support/clients";
import { expect, signInAs, test } from "./support/fixtures";
import { copySecretAndClose, dateInDays, requestToken, setSecretPolicy } from "./support/secrets";
import { expectNoSeriousAxeViolations } from "./support/axe";

// Adding each of the three client types through the portal (seed 003).

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

const typeRadio = (page: Page, name: string) => page.getByRole("radio", { name, exact: true });

test("the type is chosen first; client-credentials is the default and ?type= preselects", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients/new`);
  await expect(page.getByRole("heading", { name: "Add a client" })).toBeVisible();
  await expect(typeRadio(page, "Client-credentials")).toBeChecked();
  await expect(typeRadio(page, "Authorization code")).toHaveAccessibleDescription(/Browser applications.*PKCE/);
  await expect(typeRadio(page, "Hybrid")).toHaveAccessibleDescription(/Server-side web/);
  await expect(page.getByRole("checkbox", { name: /Account Member/ })).toBeChecked();
  await expectNoSeriousAxeViolations(page);

  await typeRadio(page, "Hybrid").check();
  await expect(page).toHaveURL(/\?type=hybrid$/);
  await expect(page.getByLabel("Allow refresh token")).toBeVisible();
  await expect(page.getByRole("checkbox", { name: /Account Member/ })).toHaveCount(0);
  await page.reload();
  await expect(typeRadio(page, "Hybrid")).toBeChecked();
  await expectNoSeriousAxeViolations(page);

  await page.goto(`/t/${tenant.slug}/clients/new?type=authorization-code`);
  await expect(typeRadio(page, "Authorization code")).toBeChecked();
  await expect(page.getByRole("note").filter({ hasText: "No secret and no refresh token" })).toContainText("iframe");
  await expectNoSeriousAxeViolations(page);

  await page.goto(`/t/${tenant.slug}/clients/new?type=nonsense`);
  await expect(typeRadio(page, "Client-credentials")).toBeChecked();
});

test("an administrator adds a client-credentials client in the Production environment", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients/new`);
  await page.getByLabel("Name").fill("Historian export");
  await page.getByLabel("Environment").selectOption({ label: "Production" });
  await page.getByRole("checkbox", { name: "Account Administrator" }).check();
  await page.getByLabel("Token lifetime (seconds)").fill("900");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Add", exact: true }).click();
  const { clientId, secret } = await copySecretAndClose(page, "Client “Historian export” created");
  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/clients/${clientId}/connect\\?created=1$`));

  const response = await requestToken(clientId, secret);
  expect(response.status).toBe(200);
  const token = (await response.json()) as { access_token: string; expires_in: number };
  expect(token.expires_in).toBe(900);
  const claims = JSON.parse(Buffer.from(token.access_token.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
  expect(claims).toMatchObject({ environment: "Production", roles: ["Account Administrator", "Account Member"] });
});

test("an authorization code client: URL problems per line, then saved without a secret and opened on its page", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients/new`);
  await typeRadio(page, "Authorization code").check();
  await page.getByLabel("Name").fill("Operations dashboard");

  // Nothing yet: at least one redirect URL is required.
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Enter at least one redirect URL")).toBeVisible();

  const redirects = page.getByLabel("Allowed redirect URLs");
  await redirects.fill("http://dashboard.example.com/callback\nhttps://dashboard.example.com/cb#x\nhttps://*.example.com/cb\nhttp://localhost:5173/callback");
  await page.getByLabel("Allowed CORS origins").fill("https://auth.example.com/login");
  await page.getByRole("button", { name: "Save" }).click();

  // Each problem of each URL on its own line, under its own field.
  const redirectErrors = page.locator("#redirectUris-errors li");
  await expect(redirectErrors).toHaveText([
    /^http:\/\/dashboard\.example\.com\/callback: must use https/,
    /^https:\/\/dashboard\.example\.com\/cb#x: must not contain a fragment/,
    /^https:\/\/\*\.example\.com\/cb: wildcards are not allowed/,
  ]);
  await expect(redirects).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#corsOrigins-errors li")).toHaveText([/^https:\/\/auth\.example\.com\/login: an origin is only scheme, host and port/]);
  await expectNoSeriousAxeViolations(page);

  // Not in sorted order: the client keeps the order entered.
  await redirects.fill("https://dashboard.example.com/callback\nhttp://localhost:5173/callback");
  await page.getByLabel("Allowed logout redirect URLs").fill("https://dashboard.example.com/signed-out");
  await page.getByLabel("Allowed CORS origins").fill("https://auth.example.com");
  await page.getByRole("button", { name: "Save" }).click();

  // No dialog: straight to the new client's Connect tab (which says it was created), and it has no Secrets tab.
  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/clients/[0-9a-f-]{36}/connect\\?created=1$`));
  await expect(page.getByRole("dialog")).toHaveCount(0);
  const clientId = /clients\/([0-9a-f-]{36})\/connect/.exec(page.url())![1]!;
  await page.goto(`/t/${tenant.slug}/clients/${clientId}`);
  await expect(page.getByRole("heading", { level: 1, name: "Operations dashboard" })).toBeVisible();
  const tabs = page.getByRole("navigation", { name: "Client sections" });
  await expect(tabs.getByRole("link", { name: "Details" })).toHaveAttribute("aria-current", "page");
  await expect(tabs.getByRole("link", { name: "Secrets" })).toHaveCount(0);
  await expect(page.getByLabel("Allowed redirect URLs")).toHaveValue("https://dashboard.example.com/callback\nhttp://localhost:5173/callback");
  await expect(page.getByLabel("Allowed CORS origins")).toHaveValue("https://auth.example.com");
});

test("a hybrid client with refresh tokens ends in the one-time dialog", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients/new?type=hybrid`);
  await page.getByLabel("Name").fill("Customer portal backend");
  const refresh = page.getByLabel("Allow refresh token");
  await expect(refresh).toHaveAccessibleDescription(/Use caution.*iframe/);
  await refresh.check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("Enter at least one redirect URL")).toBeVisible();
  await page.getByLabel("Allowed redirect URLs").fill("https://portal.example.com/signin-oidc");
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page.getByLabel("Expires on")).toBeVisible();
  await page.getByLabel("Secret description").fill("portal web farm");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  const { clientId } = await copySecretAndClose(page, "Client “Customer portal backend” created");
  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/clients/${clientId}/connect\\?created=1$`));

  await page.goto(`/t/${tenant.slug}/clients/${clientId}`);
  await expect(page.getByRole("navigation", { name: "Client sections" }).getByRole("link", { name: "Secrets" })).toBeVisible();
  await expect(page.getByLabel("Allow refresh token")).toBeChecked();
  await expect(page.getByLabel("Allowed redirect URLs")).toHaveValue("https://portal.example.com/signin-oidc");
});

test("the form applies the tenant's name and secret policies", async ({ page, tenant }) => {
  setClientNamePolicy(tenant.slug, "letters-digits-underscores-min5");
  setSecretPolicy(tenant.slug, { maxDays: 30, allowNever: false });
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients/new`);
  await expect(page.getByLabel("Name")).toHaveAccessibleDescription(/Tenant naming policy: At least 5 characters: letters, numbers and underscores only/);
  await page.getByLabel("Name").fill("bad name");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("Name must be at least 5 characters of letters, numbers and underscores (tenant policy)")).toBeVisible();

  await page.getByLabel("Name").fill("Line_4_scanner");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByLabel("Expires on")).toHaveValue(dateInDays(30));
  await expect(page.getByLabel("Never expires")).toBeHidden();
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await copySecretAndClose(page, "Client “Line_4_scanner” created");
});
