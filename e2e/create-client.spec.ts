import { decodeJwt, decodeProtectedHeader } from "jose";
import { E2E_BASE_URL } from "./support/e2e-env";
import { expect, signInAs, test } from "./support/fixtures";
import { expectAbsentFromServerLog } from "./support/server-log";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

function oneYearFromToday(): string {
  const date = new Date();
  date.setUTCFullYear(date.getUTCFullYear() + 1);
  return date.toISOString().slice(0, 10);
}

test("an administrator adds a client, copies its secret once and gets a token with it", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients`);
  await expect(page.getByText("No clients yet")).toBeVisible();
  await page.getByRole("link", { name: "Add client" }).click();

  // Step 1: the client. Account Member is shown, checked and locked.
  await page.getByLabel("Name").fill("Plant historian");
  const member = page.getByRole("checkbox", { name: /Account Member/ });
  await expect(member).toBeChecked();
  await expect(member).toBeDisabled();
  await page.getByLabel("Token lifetime (seconds)").fill("30");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("Token lifetime must be at least 60 seconds")).toBeVisible();
  await page.getByLabel("Token lifetime (seconds)").fill("600");
  await page.getByRole("button", { name: "Continue" }).click();

  // Step 2: the first secret, expiring in one year unless "never" is chosen.
  await expect(page.getByLabel("Expires on")).toHaveValue(oneYearFromToday());
  await page.getByLabel("Never expires").check();
  await expect(page.getByText("always create client secrets that expire")).toBeVisible();
  await page.getByLabel("1 year").check();
  await page.getByLabel("Secret description").fill("historian on plant-srv-04");
  await page.getByRole("button", { name: "Add", exact: true }).click();

  const dialog = page.getByRole("dialog", { name: "Client “Plant historian” created" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("cannot be shown again");
  const clientId = await dialog.getByRole("textbox", { name: "Client Id" }).inputValue();
  const shownSecret = await dialog.getByRole("textbox", { name: "Client Secret" }).inputValue();
  expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
  expect(shownSecret).toMatch(/^lk_[A-Za-z0-9_-]{43}$/);

  // Escape must not lose the secret: the dialog stays and warns instead.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("alert")).toContainText("You have not copied the Client Secret");
  await dialog.getByRole("button", { name: "Go back" }).click();

  await dialog.getByRole("button", { name: "Copy Client Secret" }).click();
  await expect(dialog.getByRole("button", { name: "Client Secret copied" })).toContainText("Copied!");
  const secret = await page.evaluate(() => navigator.clipboard.readText());
  expect(secret).toBe(shownSecret);

  // The copied secret works at the token endpoint, with the client's lifetime.
  const response = await fetch(`${E2E_BASE_URL}/identity/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
  });
  expect(response.status).toBe(200);
  const token = (await response.json()) as { access_token: string; expires_in: number; token_type: string };
  expect(token.token_type).toBe("Bearer");
  expect(token.expires_in).toBe(600);
  expect(decodeProtectedHeader(token.access_token)).toMatchObject({ alg: "ES256", typ: "at+jwt" });
  const claims = decodeJwt(token.access_token);
  expect(claims).toMatchObject({ sub: clientId, client_id: clientId, tenant: tenant.slug, roles: ["Account Member"] });

  // Closing drops the secret and opens the new client's Connect tab (which confirms the
  // creation); the secret never shows again, there or in the list.
  const responses: string[] = [];
  page.on("response", async (r) => {
    responses.push(await r.text().catch(() => ""));
  });
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/clients/${clientId}/connect\\?created=1$`));
  await page.goto(`/t/${tenant.slug}/clients`);
  await expect(page.getByRole("rowheader", { name: clientId })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "Plant historian" })).toBeVisible();

  expect(await page.content()).not.toContain(secret);
  expect(await page.evaluate(() => document.documentElement.outerHTML + JSON.stringify(sessionStorage) + JSON.stringify(localStorage))).not.toContain(secret);
  expect(page.url()).not.toContain(secret);
  expect(responses.length).toBeGreaterThan(0);
  for (const body of responses) expect(body).not.toContain(secret);
  expectAbsentFromServerLog({ "the new client's secret": secret });
});

test("closing the dialog without copying asks first", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients/new`);
  await page.getByLabel("Name").fill("Uncopied");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Add", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("alert")).toContainText("cannot be shown again");
  await dialog.getByRole("button", { name: "Close without copying" }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/clients/[0-9a-f-]{36}/connect\\?created=1$`));
});
