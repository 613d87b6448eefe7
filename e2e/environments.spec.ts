import type { Page } from "@playwright/test";
import { createClientInEnvironment } from "./support/admin";
import { expect, signInAs, test } from "./support/fixtures";
import { expectNoSeriousAxeViolations } from "./support/axe";

const rows = (page: Page) => page.getByRole("list", { name: "Environments" }).getByRole("listitem");
const row = (page: Page, name: string) => rows(page).filter({ hasText: name });

test("an administrator adds, renames and deletes environments; one with clients stays", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/environments`);
  await expect(page.getByRole("heading", { level: 1, name: "Environments" })).toBeVisible();
  await expect(rows(page)).toHaveCount(2);
  await expect(row(page, "Development")).toContainText("default for new clients");
  await expect(row(page, "Production")).toContainText("No clients");
  await expectNoSeriousAxeViolations(page);

  // Add, with the name rules checked in place.
  const name = page.getByLabel("Name", { exact: true });
  await page.getByRole("button", { name: "Add environment" }).click();
  await expect(page.getByText("Enter a name")).toBeVisible();
  await name.fill("production");
  await page.getByRole("button", { name: "Add environment" }).click();
  await expect(page.getByText('An environment named "Production" already exists')).toBeVisible();
  await name.fill("QA");
  await page.getByRole("button", { name: "Add environment" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Environment “QA” added" })).toBeVisible();
  await expect(row(page, "QA")).toContainText("No clients");
  await expect(name).toHaveValue("");

  // Rename inline; Escape cancels, Save applies.
  await page.getByRole("button", { name: "Rename QA" }).click();
  await page.getByLabel("New name for QA").fill("Nope");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "Rename QA" })).toBeFocused();
  await page.getByRole("button", { name: "Rename QA" }).click();
  await page.getByLabel("New name for QA").fill("Quality");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Environment “QA” renamed to “Quality”" })).toBeVisible();
  await expect(row(page, "Quality")).toBeVisible();

  // A client arrives in it (CLI) while the page is open: the server refuses the deletion.
  createClientInEnvironment(tenant.slug, "Line sensor", "Quality");
  await page.getByRole("button", { name: "Delete Quality" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete the environment “Quality”?" });
  await dialog.getByRole("button", { name: "Delete environment" }).click();
  await expect(dialog.getByRole("alert")).toContainText('"Quality" is used by 1 client. Move it to another environment or delete it first.');
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(row(page, "Quality")).toContainText("In use by 1 client: can’t be deleted");
  await expect(page.getByRole("button", { name: "Delete Quality" })).toHaveCount(0);
  await expect(row(page, "Quality").getByRole("link", { name: "1 client in Quality" })).toHaveAttribute("href", /\/clients\?environment=/);

  // An unused one goes, after confirmation.
  await page.getByRole("button", { name: "Delete Production" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete environment" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Environment “Production” deleted" })).toBeVisible();
  await expect(row(page, "Production")).toHaveCount(0);

  // Each change is in the audit log.
  // Each entry names its target as it was called then.
  await page.goto(`/t/${tenant.slug}/audit?target=qa`);
  const entries = page.getByRole("list", { name: "Audit entries" }).getByRole("listitem");
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText("Environment created");
  await expect(entries.first()).toContainText("Environment “QA”");
  await page.getByLabel("Target").fill("quality");
  await page.getByLabel("Target").press("Enter");
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText("Environment changed");
  await expect(entries.first().getByRole("row", { name: /Name/ })).toContainText("QAQuality");
  await page.getByLabel("Action").selectOption({ label: "Environment deleted" });
  await page.getByLabel("Target").fill("");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText("Environment “Production”");
});

test("the last environment cannot be deleted", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/environments`);
  await page.getByRole("button", { name: "Delete Development" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete environment" }).click();
  await expect(row(page, "Development")).toHaveCount(0);
  await expect(row(page, "Production")).toContainText("The only environment: can’t be deleted");
  await expect(row(page, "Production")).toContainText("default for new clients");
  await expect(page.getByRole("button", { name: "Delete Production" })).toHaveCount(0);
});

test("a member sees the environments without ways to change them", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.member);
  await page.goto(`/t/${tenant.slug}/environments`);
  await expect(page.getByText("You can view environments.")).toBeVisible();
  await expect(rows(page)).toHaveCount(2);
  await expect(page.getByRole("button")).toHaveText(["Sign out"]);
  await expectNoSeriousAxeViolations(page);
});
