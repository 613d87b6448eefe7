import { expect, seedTenant, signInAs, test } from "./support/fixtures";
import {
  addSecretCli,
  createAuthorizationCodeClientCli,
  createClientCli,
  dateInDays,
  recordResponses,
  requestToken,
  setSecretPolicy,
  tokenServiceCacheSecond,
} from "./support/secrets";
import { expectAbsentFromServerLog } from "./support/server-log";
import { expectNoSeriousAxeViolations } from "./support/axe";

// The Secrets tab of a client: rotation (add → switch → delete), the limit of 10, the
// rotation notice, read-only members, and that a new secret is shown once and then gone.

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

function oneYearFromToday(): string {
  const date = new Date();
  date.setUTCFullYear(date.getUTCFullYear() + 1);
  return date.toISOString().slice(0, 10);
}

const secretsPage = (tenant: string, clientId: string) => `/t/${tenant}/clients/${clientId}/secrets`;

test("an administrator rotates a secret: adds a new one, gets a token with it, deletes the old one", async ({ page, tenant }) => {
  const client = createClientCli(tenant.slug, "Historian", { description: "old secret" });
  const oldHint = client.secret.hint;
  expect((await requestToken(client.clientId, client.clientSecret)).status).toBe(200);

  await signInAs(page.request, tenant.admin);
  await page.goto(secretsPage(tenant.slug, client.clientId));
  await expect(page.getByText("1 of 10 secrets", { exact: true })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: oldHint })).toContainText("old secret");

  // Add: the form opens with the description focused and a one-year expiry.
  await page.getByRole("button", { name: "Add secret" }).click();
  await expect(page.getByLabel("Secret description")).toBeFocused();
  await expect(page.getByLabel("Expires on")).toHaveValue(oneYearFromToday());
  await page.getByLabel("Secret description").fill("new secret");
  await page.getByRole("button", { name: "Add", exact: true }).click();

  const dialog = page.getByRole("dialog", { name: "New secret for “Historian”" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("textbox", { name: "Client Id" })).toHaveValue(client.clientId);
  await dialog.getByRole("button", { name: "Copy Client Secret" }).click();
  await expect(dialog.getByRole("button", { name: "Client Secret copied" })).toBeVisible();
  const secret = await page.evaluate(() => navigator.clipboard.readText());
  expect(secret).toMatch(/^lk_[A-Za-z0-9_-]{43}$/);
  expect(await dialog.getByRole("textbox", { name: "Client Secret" }).inputValue()).toBe(secret);
  const newHint = secret.slice(0, 7);

  // The application switches to the new secret: it works at once.
  expect((await requestToken(client.clientId, secret)).status).toBe(200);

  // Closing drops the secret: from here on no response, page or URL may contain it.
  const responses = await recordResponses(page);
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: `Secret ${newHint}… added` })).toBeVisible();
  await expect(page.getByText("2 of 10 secrets", { exact: true })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: newHint })).toContainText("new secret");
  expect(await page.content()).not.toContain(secret);

  // The old secret's "last used" shows the token above (written within a few seconds).
  const oldRow = page.getByRole("row").filter({ hasText: oldHint });
  await expect(async () => {
    await page.reload();
    await expect(oldRow).not.toContainText("Never used", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(oldRow).toContainText(/just now|minute ago|minutes ago/);

  // Delete the old one: the confirmation names it and warns that it was just used.
  await oldRow.getByRole("button", { name: `Delete secret ${oldHint}…` }).click();
  const confirm = page.getByRole("dialog", { name: `Delete secret ${oldHint}…?` });
  await expect(confirm).toContainText("old secret");
  await expect(confirm).toContainText("stop working immediately");
  await expect(confirm).toContainText("it may still be in use!");
  await confirm.getByRole("button", { name: "Delete secret" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: `Secret ${oldHint}… deleted` })).toBeVisible();
  await expect(oldRow).toHaveCount(0);
  await expect(page.getByText("1 of 10 secrets", { exact: true })).toBeVisible();

  await tokenServiceCacheSecond();
  const refused = await requestToken(client.clientId, client.clientSecret);
  expect(refused.status).toBe(401);
  expect(await refused.json()).toMatchObject({ error: "invalid_client" });
  expect((await requestToken(client.clientId, secret)).status).toBe(200);

  // Reload, navigate away (client-side, an RSC request) and load the page again.
  await page.reload();
  await page.getByRole("link", { name: "Clients", exact: true }).first().click();
  await expect(page).toHaveURL(`/t/${tenant.slug}/clients`);
  await page.goto(secretsPage(tenant.slug, client.clientId));
  await expect(page.getByRole("row").filter({ hasText: newHint })).toBeVisible();

  // The secret is in no response since the dialog closed: the delete action's (which
  // re-rendered the page), the documents and the RSC navigation; nor in the page or URL.
  await page.unrouteAll({ behavior: "wait" });
  const kinds = responses.map((r) => r.kind);
  expect(kinds).toEqual(expect.arrayContaining(["action", "document", "rsc"]));
  expect(responses.find((r) => r.kind === "action")!.body).toContain(newHint);
  for (const response of responses) expect(response.body, response.url).not.toContain(secret);
  expect(await page.content()).not.toContain(secret);
  expect(await page.evaluate(() => JSON.stringify(sessionStorage) + JSON.stringify(localStorage))).not.toContain(secret);
  expect(page.url()).not.toContain(secret);
  expectAbsentFromServerLog({ "the new secret": secret });
});

test("cancelling a delete keeps the secret, and the dialog says when it was never used", async ({ page, tenant }) => {
  const client = createClientCli(tenant.slug, "Keeper", { description: "keep me" });
  await signInAs(page.request, tenant.admin);
  await page.goto(secretsPage(tenant.slug, client.clientId));
  await page.getByRole("button", { name: `Delete secret ${client.secret.hint}…` }).click();
  const confirm = page.getByRole("dialog", { name: `Delete secret ${client.secret.hint}…?` });
  await expect(confirm).toContainText("never been used");
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  await expectNoSeriousAxeViolations(page);
  await page.keyboard.press("Escape");
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("row").filter({ hasText: client.secret.hint })).toBeVisible();
  expect((await requestToken(client.clientId, client.clientSecret)).status).toBe(200);
});

test("at 10 secrets adding is disabled with the reason, and a raced 11th is refused by the server", async ({ page, tenant }) => {
  test.setTimeout(120_000);
  const client = createClientCli(tenant.slug, "Busy client");
  for (let i = 1; i <= 8; i++) addSecretCli(tenant.slug, client.clientId, { description: `seeded ${i}` });
  await signInAs(page.request, tenant.admin);
  await page.goto(secretsPage(tenant.slug, client.clientId));
  await expect(page.getByText("9 of 10 secrets", { exact: true })).toBeVisible();

  // The form is open while someone else adds the 10th secret.
  await page.getByRole("button", { name: "Add secret" }).click();
  await page.getByLabel("Secret description").fill("one too many");
  addSecretCli(tenant.slug, client.clientId, { description: "the tenth" });
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Limit of 10 secrets reached" })).toBeVisible();
  await expect(page.getByRole("dialog")).toHaveCount(0);

  await page.reload();
  await expect(page.getByText("10 of 10 secrets", { exact: true })).toBeVisible();
  const add = page.getByRole("button", { name: "Add secret" });
  await expect(add).toBeDisabled();
  await expect(add).toHaveAccessibleDescription("10 of 10 secrets: delete one first.");
  await expect(page.getByRole("row").filter({ hasText: "one too many" })).toHaveCount(0);
  await expect(page.getByRole("row")).toHaveCount(11);
});

test("a secret expiring within 30 days gets a rotation notice whose action opens the add form", async ({ page, tenant }) => {
  const client = createClientCli(tenant.slug, "Expiring client", { description: "long lived" });
  const soon = addSecretCli(tenant.slug, client.clientId, { description: "expiring soon", expires: dateInDays(10) });
  await signInAs(page.request, tenant.admin);
  await page.goto(secretsPage(tenant.slug, client.clientId));

  const notice = page.getByRole("region", { name: /expires soon/ });
  await expect(notice).toContainText(`${soon.secret.hint}…`);
  await expect(notice).toContainText("expiring soon");
  await expect(notice).toContainText(/expires in (9|10) days, on/);
  await expect(notice).toContainText(dateInDays(10));
  await expect(notice).toContainText("Never used.");
  await expect(notice).toContainText("Delete the old secret once its “last used” time stops moving");
  await expect(notice).not.toContainText(client.secret.hint);
  await expect(page.getByRole("row").filter({ hasText: soon.secret.hint })).toContainText(/Expires in (9|10) days/);
  await expect(page.getByRole("row").filter({ hasText: client.secret.hint })).toContainText("Active");
  await expect(page.getByRole("button", { name: /extend/i })).toHaveCount(0);

  await notice.getByRole("button", { name: "Add a new secret" }).click();
  await expect(page.getByRole("heading", { name: "Add a secret" })).toBeVisible();
  await expect(page.getByLabel("Secret description")).toBeFocused();
  await expectNoSeriousAxeViolations(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSeriousAxeViolations(page);
});

test("a never-expiring secret is marked, and the tenant's policy limits what the form offers", async ({ page, tenant }) => {
  const client = createClientCli(tenant.slug, "Policy client", { expires: "never" });
  setSecretPolicy(tenant.slug, { maxDays: 90, allowNever: false });
  await signInAs(page.request, tenant.admin);
  await page.goto(secretsPage(tenant.slug, client.clientId));
  await expect(page.getByRole("row").filter({ hasText: client.secret.hint })).toContainText(/Never\s*\(not recommended: secrets should expire\)/);

  await page.getByRole("button", { name: "Add secret" }).click();
  await expect(page.getByLabel("Expires on")).toHaveValue(dateInDays(90));
  await expect(page.getByRole("radio", { name: "90 days" })).toBeChecked();
  await expect(page.getByRole("radio", { name: "180 days" })).toBeDisabled();
  await expect(page.getByLabel("Never expires")).toBeHidden();
  await expect(page.getByText("allows secrets of at most 90 days")).toBeVisible();
  // The server checks again: a date beyond the policy typed in anyway is refused in place.
  await page.getByLabel("Expires on").fill(dateInDays(200));
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByText("This tenant's policy allows secrets of at most 90 days", { exact: true })).toBeVisible();
  await expect(page.getByRole("dialog")).toHaveCount(0);
});

test("a member sees the secrets read-only", async ({ page, tenant }) => {
  const client = createClientCli(tenant.slug, "Read only");
  addSecretCli(tenant.slug, client.clientId, { expires: dateInDays(5) });
  await signInAs(page.request, tenant.member);
  await page.goto(secretsPage(tenant.slug, client.clientId));
  await expect(page.getByText("2 of 10 secrets", { exact: true })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: client.secret.hint })).toBeVisible();
  await expect(page.getByText("Adding and deleting them needs the Account Administrator role")).toBeVisible();
  await expect(page.getByRole("button", { name: /Add/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Delete/ })).toHaveCount(0);
  await expect(page.getByRole("region", { name: /expires soon/ })).toContainText("Ask an Account Administrator");
  await expectNoSeriousAxeViolations(page);
});

test("an empty client explains it cannot authenticate, and an authorization code client has no secrets", async ({ page, tenant }) => {
  const client = createClientCli(tenant.slug, "Emptied");
  const publicClient = createAuthorizationCodeClientCli(tenant.slug, "Browser app");
  await signInAs(page.request, tenant.admin);
  await page.goto(secretsPage(tenant.slug, client.clientId));
  await page.getByRole("button", { name: `Delete secret ${client.secret.hint}…` }).click();
  await expect(page.getByRole("dialog")).toContainText("only secret that has not expired");
  await page.getByRole("dialog").getByRole("button", { name: "Delete secret" }).click();
  await expect(page.getByText("0 of 10 secrets", { exact: true })).toBeVisible();
  await expect(page.getByText("This client cannot authenticate until a secret is added.")).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  await page.goto(secretsPage(tenant.slug, publicClient.clientId));
  await expect(page.getByText("Authorization code clients have no secrets")).toBeVisible();
  await expect(page.getByRole("button", { name: /Add/ })).toHaveCount(0);
});

test("another tenant's administrator gets not found for a real client", async ({ page, tenant }) => {
  const client = createClientCli(tenant.slug, "Private");
  const other = seedTenant();
  await signInAs(page.request, other.admin);
  const response = await page.goto(secretsPage(tenant.slug, client.clientId));
  expect(response?.status()).toBe(404);
  // Their own tenant's URL with our client id: not found either.
  expect((await page.goto(secretsPage(other.slug, client.clientId)))?.status()).toBe(404);
  await expect(page.getByText(client.secret.hint)).toHaveCount(0);
});
