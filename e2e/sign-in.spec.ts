import { expect, test } from "./support/fixtures";
import { expectNoSeriousAxeViolations } from "./support/axe";

test("a signed-out visitor is sent to sign-in and comes back to the page asked for", async ({ page, tenant }) => {
  await page.goto(`/t/${tenant.slug}/clients`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await expect(page.getByRole("heading", { name: "Development sign-in" })).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  await page.getByLabel("Email").fill(tenant.admin);
  await page.getByRole("button", { name: "Sign in (development)" }).click();
  await expect(page).toHaveURL(`/t/${tenant.slug}/clients`);
  await expect(page.getByRole("heading", { name: "Clients", exact: true })).toBeVisible();
});

test("an email that is not a member cannot sign in", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill("nobody@example.test");
  await page.getByRole("button", { name: "Sign in (development)" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "No Latchkey user with that email" })).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});

test("signed-out visitors cannot reach any tenant page", async ({ page, tenant }) => {
  for (const path of ["/clients", "/clients/new"]) {
    await page.goto(`/t/${tenant.slug}${path}`);
    await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  }
});
