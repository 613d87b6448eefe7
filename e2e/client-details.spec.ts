import { createClientWithCli, setClientNamePolicy } from "./support/clients";
import { expect, seedTenant, signInAs, test } from "./support/fixtures";
import { requestToken, tokenServiceCacheSecond } from "./support/secrets";
import { expectNoSeriousAxeViolations } from "./support/axe";

// The client page: its header and tabs, editing its details, and deleting it.

const codeClientFlags = ["--type", "authorization-code", "--redirect-uri", "https://dash.example.com/callback", "--cors-origin", "https://auth.example.com"];

test("an administrator edits an authorization code client's details", async ({ page, tenant }) => {
  const client = createClientWithCli(tenant.slug, "Dashboard", codeClientFlags);
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients/${client.clientId}`);

  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(page.getByText(client.clientId, { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy Client Id" })).toBeVisible();
  const tabs = page.getByRole("navigation", { name: "Client sections" });
  await expect(tabs.getByRole("link")).toHaveText(["Details", "Roles", "Connect"]);
  await expect(tabs.getByRole("link", { name: "Details" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByText(/^Created \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC by cli$/)).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  await page.getByLabel("Name").fill("Operations dashboard");
  await page.getByLabel("Description (optional)").fill("Shift supervisors' wall screens");
  await page.getByLabel("Environment").selectOption({ label: "Production" });
  await page.getByLabel("Token lifetime (seconds)").fill("1200");
  await page.getByLabel("Allowed redirect URLs").fill("https://dash.example.com/callback\nftp://dash.example.com/x\nhttps://dash.example.com/cb#frag");
  await page.getByLabel("Allowed CORS origins").fill("");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator("#redirectUris-errors li")).toHaveText([
    /^ftp:\/\/dash\.example\.com\/x: must use https/,
    /^https:\/\/dash\.example\.com\/cb#frag: must not contain a fragment/,
  ]);

  // In an order of the admin's own (not sorted), which the saved list keeps.
  await page.getByLabel("Allowed redirect URLs").fill("https://dash.example.com/callback2\nhttps://dash.example.com/callback");
  await page.getByLabel("Allowed logout redirect URLs").fill("https://dash.example.com/bye");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes to “Operations dashboard” saved." })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Operations dashboard" })).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Name")).toHaveValue("Operations dashboard");
  await expect(page.getByLabel("Description (optional)")).toHaveValue("Shift supervisors' wall screens");
  await expect(page.getByLabel("Environment").locator("option:checked")).toHaveText("Production");
  await expect(page.getByLabel("Token lifetime (seconds)")).toHaveValue("1200");
  await expect(page.getByLabel("Allowed redirect URLs")).toHaveValue("https://dash.example.com/callback2\nhttps://dash.example.com/callback");
  await expect(page.getByLabel("Allowed logout redirect URLs")).toHaveValue("https://dash.example.com/bye");
  await expect(page.getByLabel("Allowed CORS origins")).toHaveValue("");

  // Saving again without changes says so instead of pretending.
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Nothing to save" })).toBeVisible();
});

test("a hybrid client's refresh tokens can be switched off; the name policy is checked on rename", async ({ page, tenant }) => {
  const client = createClientWithCli(tenant.slug, "Web backend", ["--type", "hybrid", "--redirect-uri", "https://web.example.com/cb", "--allow-refresh-token"]);
  // Adopted after the client was named: it applies to a new name, not to the old one.
  setClientNamePolicy(tenant.slug, "letters-digits-underscores-min5");
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients/${client.clientId}`);
  const tabs = page.getByRole("navigation", { name: "Client sections" });
  await expect(tabs.getByRole("link")).toHaveText(["Details", "Secrets", "Roles", "Connect"]);
  await expect(page.getByLabel("Allowed CORS origins")).toHaveCount(0);

  const refresh = page.getByLabel("Allow refresh token");
  await expect(refresh).toBeChecked();
  await refresh.uncheck();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes to “Web backend” saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Allow refresh token")).not.toBeChecked();

  await page.getByLabel("Name").fill("Web backend 2");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Name must be at least 5 characters of letters, numbers and underscores (tenant policy)")).toBeVisible();
  await page.getByLabel("Name").fill("Web_backend_2");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Web_backend_2" })).toBeVisible();
});

test("a client-credentials client's details have no URL fields, and a member sees them read-only", async ({ page, tenant }) => {
  const client = createClientWithCli(tenant.slug, "Historian", ["--type", "client-credentials", "--description", "Plant 4"]);
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients/${client.clientId}`);
  await expect(page.getByLabel("Allowed redirect URLs")).toHaveCount(0);
  await expect(page.getByLabel("Allow refresh token")).toHaveCount(0);

  await signInAs(page.request, tenant.member);
  await page.goto(`/t/${tenant.slug}/clients/${client.clientId}`);
  await expect(page.getByRole("heading", { level: 1, name: "Historian" })).toBeVisible();
  await expect(page.getByText("You can view this client")).toBeVisible();
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Save|Delete/ })).toHaveCount(0);
  const details = page.getByRole("region", { name: "Details" });
  await expect(details).toContainText("Plant 4");
  await expect(details).toContainText("3600 seconds");
  await expectNoSeriousAxeViolations(page);
});

test("the token signing algorithm is chosen under Advanced when adding a client, changed on Details, and audited", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients/new?type=authorization-code`);
  await page.getByLabel("Name").fill("Legacy dashboard");
  await page.getByLabel("Allowed redirect URLs").fill("https://legacy.example.com/cb");
  const alg = page.getByLabel("Token signing algorithm");
  await expect(alg).toBeHidden();
  await page.getByText("Advanced: token signing algorithm").click();
  await expect(alg).toHaveValue("ES256");
  await expect(alg).toHaveAccessibleDescription(/Choose RS256 only if a resource server cannot verify ES256/);
  await alg.selectOption("RS256");
  await page.getByRole("button", { name: "Save", exact: true }).click();

  await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}\/connect\?created=1$/);
  const clientId = /clients\/([0-9a-f-]{36})\/connect/.exec(page.url())![1]!;
  await page.goto(`/t/${tenant.slug}/clients/${clientId}`);
  await expect(page.getByLabel("Token signing algorithm")).toHaveValue("RS256");
  await page.getByLabel("Token signing algorithm").selectOption("ES256");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes to “Legacy dashboard” saved." })).toBeVisible();

  await page.goto(`/t/${tenant.slug}/audit?action=client.update`);
  const change = page
    .getByRole("list", { name: "Audit entries" })
    .getByRole("listitem")
    .getByRole("row", { name: /Token signing algorithm/ });
  await expect(change).toContainText("RS256");
  await expect(change).toContainText("ES256");
});

test("an administrator of another tenant gets not found for a real client id", async ({ page, tenant }) => {
  const client = createClientWithCli(tenant.slug, "Private", ["--type", "client-credentials"]);
  const other = seedTenant();
  await signInAs(page.request, other.admin);
  // Neither in the victim's tenant (not a member) nor through their own tenant's URL.
  for (const slug of [tenant.slug, other.slug]) {
    const response = await page.goto(`/t/${slug}/clients/${client.clientId}`);
    expect(response?.status()).toBe(404);
  }
});

test("deleting a client asks for its name, and its secret stops working", async ({ page, tenant }) => {
  const client = createClientWithCli(tenant.slug, "Old line scanner", ["--type", "client-credentials", "--secret-expires", "never"]);
  expect((await requestToken(client.clientId, client.clientSecret!)).status).toBe(200);
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients/${client.clientId}`);

  await page.getByRole("button", { name: "Delete client…" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete client “Old line scanner”?" });
  await expect(dialog).toBeVisible();
  const confirm = dialog.getByRole("button", { name: "Delete client" });
  await expect(confirm).toBeDisabled();
  await expectNoSeriousAxeViolations(page);
  await dialog.getByLabel("Type Old line scanner to confirm").fill("Old line");
  await expect(confirm).toBeDisabled();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  await page.getByRole("button", { name: "Delete client…" }).click();
  await dialog.getByLabel("Type Old line scanner to confirm").fill("Old line scanner");
  await confirm.click();
  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/clients$`));
  await expect(page.getByRole("status").filter({ hasText: "Client “Old line scanner” was deleted." })).toBeVisible();
  await expect(page.getByRole("link", { name: "Old line scanner" })).toHaveCount(0);

  await tokenServiceCacheSecond();
  expect((await requestToken(client.clientId, client.clientSecret!)).status).toBe(401);
  const gone = await page.goto(`/t/${tenant.slug}/clients/${client.clientId}`);
  expect(gone?.status()).toBe(404);
});
