import { runScript } from "./support/cli";
import { expect, seedTenant, signInAs, test } from "./support/fixtures";

// Security regressions: who may see and change what.

test("a member without Account Administrator can see clients but not add them", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.member);
  await page.goto(`/t/${tenant.slug}/clients`);
  await expect(page.getByRole("heading", { name: "Clients", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Add client" })).toHaveCount(0);

  await page.goto(`/t/${tenant.slug}/clients/new`);
  await expect(page.getByRole("heading", { name: "You need the Account Administrator role" })).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveCount(0);
});

test("the server refuses the action when the role is gone, even with the form open", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients/new`);
  await page.getByLabel("Name").fill("Should not exist");
  await page.getByRole("button", { name: "Continue" }).click();

  runScript("e2e/support/set-membership-roles.ts", [tenant.slug, tenant.admin]);
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "You need the Account Administrator role" })).toBeVisible();
  await expect(page.getByRole("dialog")).toHaveCount(0);

  await page.goto(`/t/${tenant.slug}/clients`);
  await expect(page.getByText("No clients yet")).toBeVisible();
});

test("an administrator of another tenant gets not found", async ({ page, tenant }) => {
  const other = seedTenant();
  await signInAs(page.request, other.admin);
  for (const path of ["/clients", "/clients/new"]) {
    const response = await page.goto(`/t/${tenant.slug}${path}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
});
