import { expect, signInAs, test } from "./support/fixtures";
import { expectNoSeriousAxeViolations } from "./support/axe";

/** YYYY-MM-DD, `days` days from today (UTC). */
const dateInDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test("an administrator sets a secret policy that the add-client form then enforces", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/settings`);
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expect(page.getByText("apply to secrets added and to clients created or renamed from now on")).toContainText("command-line tool alike");
  const maxDays = page.getByLabel("Maximum secret lifetime (days)");
  const never = page.getByLabel("Allow secrets that never expire");
  await expect(maxDays).toHaveValue("");
  await expect(never).toBeChecked();
  await expect(page.getByRole("radio", { name: /None/ })).toBeChecked();
  await expectNoSeriousAxeViolations(page);

  // Out-of-range values are refused in place.
  await maxDays.fill("0");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("At least 1 day")).toBeVisible();
  await maxDays.fill("4000");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("At most 3650 days (10 years)")).toBeVisible();

  // A maximum rules out "never expires", and the form says so.
  await maxDays.fill("30");
  await expect(never).toBeDisabled();
  await expect(never).not.toBeChecked();
  await expect(page.getByText("Not possible while a maximum lifetime is set")).toBeVisible();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved" })).toBeVisible();
  await page.reload();
  await expect(maxDays).toHaveValue("30");
  await expect(never).not.toBeChecked();

  // The add-client form: longer presets are off, and a date past the maximum typed in is
  // refused by the server.
  await page.goto(`/t/${tenant.slug}/clients/new`);
  await page.getByLabel("Name").fill("Long lived");
  await page.getByRole("button", { name: "Continue" }).click();
  const expires = page.getByLabel("Expires on");
  await expect(expires).toHaveValue(dateInDays(30));
  await expect(page.getByRole("radio", { name: "90 days" })).toBeDisabled();
  await expect(page.getByLabel("Never expires")).toBeHidden();
  await expires.fill(dateInDays(45));
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByText("This tenant's policy allows secrets of at most 30 days").first()).toBeVisible();
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // The change is in the audit log, as a before/after of the changed fields.
  await page.goto(`/t/${tenant.slug}/audit?action=tenant.settings`);
  const entry = page.getByRole("list", { name: "Audit entries" }).getByRole("listitem");
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText("Tenant settings changed");
  await expect(entry).toContainText(tenant.admin);
  await expect(entry.getByRole("row", { name: /Maximum secret lifetime/ })).toContainText("none30");
  await expect(entry.getByRole("row", { name: /never expire/ })).toContainText("yesno");
  await expect(entry.getByRole("row", { name: /Client-name policy/ })).toHaveCount(0);
});

test("an administrator sets the client-name policy; a name that breaks it is refused", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/settings`);
  await page.getByRole("radio", { name: "At least 5 characters: letters, numbers and underscores only" }).check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved" })).toBeVisible();
  // Saving again without a change says so rather than pretending.
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Nothing to save" })).toBeVisible();

  await page.goto(`/t/${tenant.slug}/clients/new`);
  await page.getByLabel("Name").fill("no spaces!");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText(/at least 5 characters of letters, numbers and underscores/).first()).toBeVisible();
});

test("a member sees the settings read-only", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.member);
  await page.goto(`/t/${tenant.slug}/settings`);
  await expect(page.getByText("You can view the settings. Changing them needs the Account Administrator role.")).toBeVisible();
  await expect(page.getByLabel("Maximum secret lifetime (days)")).toBeDisabled();
  await expect(page.getByLabel("Allow secrets that never expire")).toBeDisabled();
  await expect(page.getByRole("radio", { name: /None/ })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save settings" })).toHaveCount(0);
  await expectNoSeriousAxeViolations(page);
});
