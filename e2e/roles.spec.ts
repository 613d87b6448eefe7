import { expect, seedTenant, signInAs, test } from "./support/fixtures";
import { memberUserId, tokenClaims } from "./support/people";
import { createAuthorizationCodeClientCli, createClientCli, tokenServiceCacheSecond } from "./support/secrets";
import { expectNoSeriousAxeViolations } from "./support/axe";

// Roles: built-in roles are protected, custom roles are created, renamed and deleted, and a
// role assigned to a client-credentials client reaches the roles claim of its next token.

const rolesPage = (tenant: string) => `/t/${tenant}/roles`;
const clientRolesPage = (tenant: string, clientId: string) => `/t/${tenant}/clients/${clientId}/roles`;

test("an administrator creates, renames and deletes a custom role; built-in roles are protected", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.admin);
  await page.goto(rolesPage(tenant.slug));
  await expect(page.getByRole("heading", { name: "Roles", level: 1 })).toBeVisible();
  await expect(page.getByText("No custom roles yet")).toBeVisible();
  for (const name of ["Account Administrator", "Account Member"]) {
    const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${name}`) }) });
    await expect(row).toContainText("Protected: can’t be renamed or deleted");
    await expect(row.getByRole("button")).toHaveCount(0);
  }
  await expectNoSeriousAxeViolations(page);

  // Create.
  await page.getByLabel("Name", { exact: true }).fill("Historian readers");
  await page.getByLabel("Description (optional)").fill("Read historian data");
  await page.getByRole("button", { name: "Create role" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Role “Historian readers” created" })).toBeVisible();
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /^Historian readers/ }) });
  await expect(row).toContainText("Read historian data");
  await expect(row.getByRole("cell").nth(0)).toHaveText("None");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("");

  // The same name in other letters is refused at the field.
  await page.getByLabel("Name", { exact: true }).fill("historian READERS");
  await page.getByRole("button", { name: "Create role" }).click();
  await expect(page.getByText('A role named "Historian readers" already exists')).toBeVisible();

  // Rename in a dialog.
  await row.getByRole("button", { name: "Rename Historian readers" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit role “Historian readers”" });
  await expect(dialog.getByLabel("Name")).toBeFocused();
  await dialog.getByLabel("Name").fill("Historian viewers");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "renamed to “Historian viewers”" })).toBeVisible();
  await expect(dialog).toHaveCount(0);
  const renamed = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /^Historian viewers/ }) });
  await expect(renamed).toBeVisible();

  // Unassigned: deleted at once, no confirmation needed.
  await renamed.getByRole("button", { name: "Delete Historian viewers" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Role “Historian viewers” deleted" })).toBeVisible();
  await expect(renamed).toHaveCount(0);
  await expect(page.getByRole("dialog")).toHaveCount(0);
});

test("a role assigned to a client reaches its token; deleting it asks first and takes it away", async ({ page, tenant }) => {
  const client = createClientCli(tenant.slug, "Historian");
  expect((await tokenClaims(client.clientId, client.clientSecret)).roles).toEqual(["Account Member"]);

  await signInAs(page.request, tenant.admin);
  await page.goto(rolesPage(tenant.slug));
  for (const name of ["Historian readers", "Pump operators", "Tank writers"]) {
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByRole("button", { name: "Create role" }).click();
    await expect(page.getByRole("rowheader", { name: new RegExp(`^${name}`) })).toBeVisible();
  }

  await page.goto(clientRolesPage(tenant.slug, client.clientId));
  const roles = page.getByRole("group", { name: "Roles of Historian" });
  const member = roles.getByRole("checkbox", { name: /Account Member/ });
  await expect(member).toBeChecked();
  await expect(member).toBeDisabled();
  await expect(roles).toContainText("Every client has this role; it can’t be removed.");
  await expectNoSeriousAxeViolations(page);

  // The filter narrows the list as you type.
  await roles.getByLabel("Filter roles").fill("hist");
  await expect(roles.getByRole("checkbox")).toHaveCount(1);
  await expect(roles.getByText("1 of 5 roles match")).toBeVisible();
  await roles.getByRole("checkbox", { name: /Historian readers/ }).check();
  await roles.getByLabel("Filter roles").fill("nothing like this");
  await expect(roles.getByText("No role matches “nothing like this”")).toBeVisible();
  await roles.getByLabel("Filter roles").fill("");
  await expect(roles.getByRole("checkbox", { name: /Historian readers/ })).toBeChecked();

  const save = page.getByRole("button", { name: "Save roles" });
  await save.click();
  await expect(page.getByRole("status").filter({ hasText: "Roles of Historian saved: Account Member, Historian readers" })).toBeVisible();
  await tokenServiceCacheSecond();
  expect((await tokenClaims(client.clientId, client.clientSecret)).roles).toEqual(["Account Member", "Historian readers"]);

  // The Roles page counts it; deleting an assigned role needs confirmation that says who holds it.
  await page.goto(rolesPage(tenant.slug));
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /^Historian readers/ }) });
  await expect(row.getByRole("cell").nth(1)).toHaveText("1 client");
  await row.getByRole("button", { name: "Delete Historian readers" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete the role “Historian readers”?" });
  await expect(dialog).toContainText("It is held by 0 users and 1 client");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: "Delete Historian readers" }).click();
  await dialog.getByRole("button", { name: "Delete role" }).click();
  await expect(page.getByRole("status").filter({ hasText: "deleted, removed from 0 users and 1 client" })).toBeVisible();
  await expect(row).toHaveCount(0);
  await tokenServiceCacheSecond();
  expect((await tokenClaims(client.clientId, client.clientSecret)).roles).toEqual(["Account Member"]);
});

test("authorization code clients explain that the signed-in user's roles apply", async ({ page, tenant }) => {
  const client = createAuthorizationCodeClientCli(tenant.slug, "Web app");
  await signInAs(page.request, tenant.admin);
  await page.goto(clientRolesPage(tenant.slug, client.clientId));
  await expect(page.getByText("Only client-credentials clients have roles of their own.")).toBeVisible();
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await expectNoSeriousAxeViolations(page);
});

test("a member sees roles read-only", async ({ page, tenant }) => {
  const client = createClientCli(tenant.slug, "Historian");
  await signInAs(page.request, tenant.member);
  await page.goto(rolesPage(tenant.slug));
  await expect(page.getByText("You can view roles.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create role" })).toHaveCount(0);

  await page.goto(clientRolesPage(tenant.slug, client.clientId));
  await expect(page.getByRole("list", { name: "Roles of Historian" })).toHaveText("Account Member");
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save roles" })).toHaveCount(0);
});

test("an administrator of another tenant gets not found for a client's and a user's roles", async ({ page, tenant }) => {
  const client = createClientCli(tenant.slug, "Historian");
  await signInAs(page.request, tenant.admin);
  const userId = await memberUserId(page, tenant.slug, tenant.member);

  const other = seedTenant();
  await signInAs(page.request, other.admin);
  for (const path of [
    clientRolesPage(tenant.slug, client.clientId),
    `/t/${tenant.slug}/users/${userId}/roles`,
    clientRolesPage(other.slug, client.clientId),
    `/t/${other.slug}/users/${userId}/roles`,
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
});
