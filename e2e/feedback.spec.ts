import type { Page } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./support/axe";
import { expect, signInAs, test } from "./support/fixtures";
import { createClientCli, dateInDays, setSecretPolicy } from "./support/secrets";

// Feedback that does not get in the way: one toast per event that covers no control and
// can be dismissed, plain validation messages, a way forward when copying is refused,
// a menu with only what one may open, and secret expiry presets in one date format.

/** The toast's box, and every visible control of the page it overlaps. */
async function controlsUnderToast(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const host = document.querySelector("[data-toast-host]")!;
    const toast = host.getBoundingClientRect();
    const controls = [...document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, label, summary")];
    return controls
      .filter((element) => !host.contains(element))
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && box.left < toast.right && box.right > toast.left && box.top < toast.bottom && box.bottom > toast.top;
      })
      .map((element) => element.outerHTML.slice(0, 100));
  });
}

const toastMessages = (page: Page) => page.locator("[data-toast-host] p");

test.describe("toasts", () => {
  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 390, height: 844 },
  ]) {
    test(`after saving, one message that covers no control, until dismissed (${viewport.width} px)`, async ({ page, tenant }) => {
      await page.setViewportSize(viewport);
      await page.clock.install();
      await signInAs(page.request, tenant.admin);
      await page.goto(`/t/${tenant.slug}/settings`);
      // The live region is there, empty, before any message is put in it.
      await expect(page.locator("[data-toast-announcer][role=status][aria-live=polite]")).toHaveText("");

      const save = page.getByRole("button", { name: "Save settings" });
      await save.click();
      await expect(page.getByRole("status").filter({ hasText: "Nothing to save" })).toBeVisible();
      expect(await controlsUnderToast(page)).toEqual([]);
      await expect(save).toBeInViewport();

      // A second event replaces the first message instead of stacking under it.
      await page.getByRole("radio", { name: /At least 5 characters/ }).check();
      await save.click();
      await expect(toastMessages(page)).toHaveText(["Settings saved"]);
      expect(await controlsUnderToast(page)).toEqual([]);
      await expectNoSeriousAxeViolations(page);

      // Hovered, it stays; let go, it goes by itself.
      await page.locator("[data-toast-host]").hover();
      await page.clock.runFor(30_000);
      await expect(toastMessages(page)).toHaveText(["Settings saved"]);
      await page.mouse.move(0, 0);
      await page.clock.runFor(10_000);
      await expect(toastMessages(page)).toHaveCount(0);

      // Escape and the close button dismiss it at once.
      await save.click();
      await expect(toastMessages(page)).toHaveText(["Nothing to save: the settings were already like this"]);
      await page.keyboard.press("Escape");
      await expect(toastMessages(page)).toHaveCount(0);
      await save.click();
      await expect(toastMessages(page)).toHaveCount(1);
      await page.getByRole("button", { name: "Dismiss message" }).click();
      await expect(toastMessages(page)).toHaveCount(0);
    });
  }

  test("on a dense form on a phone it stands in the page next to the form, in view and over nothing", async ({ page, tenant }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs(page.request, tenant.admin);
    await page.goto(`/t/${tenant.slug}/users`);
    const email = `phone-${tenant.slug}@example.test`;
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Add member" }).click();
    const message = toastMessages(page).filter({ hasText: `${email} added` });
    await expect(message).toBeInViewport();
    expect(await controlsUnderToast(page)).toEqual([]);
    await expect(page.getByRole("button", { name: "Add member" })).toBeInViewport();
  });

  test("a keyboard user can reach the toast, and it waits while focused", async ({ page, tenant }) => {
    await page.clock.install();
    await signInAs(page.request, tenant.admin);
    await page.goto(`/t/${tenant.slug}/settings`);
    await page.getByRole("button", { name: "Save settings" }).click();
    const dismiss = page.getByRole("button", { name: "Dismiss message" });
    const days = page.getByLabel("Maximum secret lifetime (days)");
    await days.focus();
    await dismiss.focus();
    await page.clock.runFor(30_000);
    await expect(toastMessages(page)).toHaveCount(1);
    await page.keyboard.press("Enter");
    await expect(toastMessages(page)).toHaveCount(0);
    // Focus goes back where it was, not to the page.
    await expect(days).toBeFocused();
  });
});

test("Settings: a maximum lifetime of 12.5 days is refused in plain words", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/settings`);
  await page.getByLabel("Maximum secret lifetime (days)").fill("12.5");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Enter whole days")).toBeVisible();
  await expect(page.getByText(/Invalid input|expected/)).toHaveCount(0);
  await page.getByLabel("Maximum secret lifetime (days)").fill("1e9");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("At most 3650 days (10 years)")).toBeVisible();
  await expect(page.getByText(/Invalid input|expected/)).toHaveCount(0);
});

test.describe("copying refused by the browser", () => {
  test.use({ permissions: ["clipboard-read"] });
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException("Write permission denied.", "NotAllowedError"));
    });
  });

  test("the value is selected where it is shown, with how to copy it by hand", async ({ page, tenant }) => {
    const client = createClientCli(tenant.slug, "Copy test");
    await signInAs(page.request, tenant.admin);
    await page.goto(`/t/${tenant.slug}/clients/${client.clientId}`);
    await page.getByRole("button", { name: "Copy Client Id" }).click();
    await expect(page.getByRole("button", { name: "Copy Client Id" })).toContainText("Press Ctrl+C (⌘C on a Mac) to copy");
    await expect(page.getByRole("status").filter({ hasText: "The Client Id is selected" })).toBeAttached();
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(client.clientId);
    await page.keyboard.press("Control+C");
    await expect(page.getByRole("button", { name: "Client Id copied" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(client.clientId);
  });

  test("in the one-time dialog the secret is selected in its own field only, and a copy by hand counts", async ({ page, tenant }) => {
    const client = createClientCli(tenant.slug, "Copy secret test");
    await signInAs(page.request, tenant.admin);
    await page.goto(`/t/${tenant.slug}/clients/${client.clientId}/secrets`);
    await page.getByRole("button", { name: "Add secret" }).click();
    await page.getByRole("button", { name: "Add", exact: true }).click();
    const dialog = page.getByRole("dialog");
    const field = dialog.getByRole("textbox", { name: "Client Secret" });
    const secret = await field.inputValue();
    await dialog.getByRole("button", { name: "Copy Client Secret" }).click();
    await expect(dialog.getByRole("button", { name: "Copy Client Secret" })).toContainText("Press Ctrl+C (⌘C on a Mac) to copy");
    await expect(field).toBeFocused();
    expect(await field.evaluate((input: HTMLInputElement) => [input.selectionStart, input.selectionEnd])).toEqual([0, secret.length]);
    // Nowhere else in the page: no helper textarea, no text.
    const places = await page.evaluate(
      (value) => ({
        fields: [...document.querySelectorAll("input, textarea")].filter((element) => (element as HTMLInputElement).value === value).length,
        text: document.body.innerText.includes(value),
      }),
      secret,
    );
    expect(places).toEqual({ fields: 1, text: false });

    await page.keyboard.press("Control+C");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await expect(dialog.getByRole("button", { name: "Client Secret copied" })).toBeVisible();
    // Copied by hand is copied: the dialog closes without "you have not copied".
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect(dialog).toBeHidden();
  });
});

test("members are shown only the sections they may open", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.member);
  await page.goto(`/t/${tenant.slug}/clients`);
  const menu = page.getByRole("navigation", { name: "Tenant" });
  await expect(menu.getByRole("link")).toHaveText(["Clients", "Users", "Roles", "Environments", "Settings"]);
  // The page itself refuses them by the same rule.
  await page.goto(`/t/${tenant.slug}/audit`);
  await expect(page.getByRole("heading", { name: "You need the Account Administrator role" })).toBeVisible();

  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients`);
  await expect(menu.getByRole("link")).toHaveText(["Clients", "Users", "Roles", "Environments", "Audit log", "Settings"]);
});

test("the Users table becomes cards on a phone, with nothing wider than the window", async ({ page, tenant }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const who of [tenant.admin, tenant.member]) {
    await signInAs(page.request, who);
    await page.goto(`/t/${tenant.slug}/users`);
    await expect(page.getByRole("rowheader", { name: tenant.admin })).toBeVisible();
    expect(await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth])).toEqual([390, 390]);
    await expectNoSeriousAxeViolations(page);
  }
});

test.describe("secret expiry", () => {
  test("presets beside the date, 1 year by default, one date format, and a clear error for a mistyped date", async ({ page, tenant }) => {
    const client = createClientCli(tenant.slug, "Presets");
    await signInAs(page.request, tenant.admin);
    await page.goto(`/t/${tenant.slug}/clients/${client.clientId}/secrets`);
    await page.getByRole("button", { name: "Add secret" }).click();
    const presets = page.getByRole("group", { name: "Expires" });
    await expect(presets.getByRole("radio")).toHaveCount(7);
    await expect(presets.getByRole("radio", { name: "1 year" })).toBeChecked();
    const date = page.getByLabel("Expires on (YYYY-MM-DD)");
    await expect(date).toHaveAttribute("type", "text");
    await expect(date).toHaveAttribute("placeholder", "YYYY-MM-DD");
    await expectNoSeriousAxeViolations(page);

    await presets.getByRole("radio", { name: "30 days" }).check();
    await expect(date).toHaveValue(dateInDays(30));
    await presets.getByRole("radio", { name: "Never expires" }).check();
    await expect(page.getByRole("note").filter({ hasText: "Caution" })).toContainText("as a security best practice, always create client secrets that expire");
    await expect(date).toBeHidden();

    // A date typed in the browser's own way is refused with what is expected.
    await presets.getByRole("radio", { name: "Custom date" }).check();
    await expect(date).toBeFocused();
    await date.fill("05/01/2031");
    await date.blur();
    await expect(page.getByText("Expiry must be a date (YYYY-MM-DD) or “never”")).toBeVisible();
    await date.fill("2031-05-01");
    await expect(presets.getByRole("radio", { name: "Custom date" })).toBeChecked();
    await page.getByRole("button", { name: "Add", exact: true }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText("The secret expires on 2031-05-01 (00:00 UTC).");
    await dialog.getByRole("button", { name: "Close" }).click();
    await dialog.getByRole("button", { name: "Close without copying" }).click();
    await expect(page.getByRole("row").filter({ hasText: "2031-05-01" })).toHaveCount(1);
  });

  test("presets beyond the tenant's maximum are disabled with the reason, and never is not offered", async ({ page, tenant }) => {
    const client = createClientCli(tenant.slug, "Policy presets");
    setSecretPolicy(tenant.slug, { maxDays: 120, allowNever: false });
    await signInAs(page.request, tenant.admin);
    await page.goto(`/t/${tenant.slug}/clients/${client.clientId}/secrets`);
    await page.getByRole("button", { name: "Add secret" }).click();
    const presets = page.getByRole("group", { name: "Expires" });
    for (const name of ["30 days", "90 days", "Custom date"]) await expect(presets.getByRole("radio", { name })).toBeEnabled();
    for (const name of ["180 days", "1 year", "2 years"]) {
      await expect(presets.getByRole("radio", { name })).toBeDisabled();
      await expect(presets.getByRole("radio", { name })).toHaveAccessibleDescription(/longer than this tenant’s maximum secret lifetime of 120 days/);
    }
    await expect(presets.getByRole("radio", { name: "Never expires" })).toHaveCount(0);
    // The default is the longest the policy allows, as a date.
    await expect(presets.getByRole("radio", { name: "Custom date" })).toBeChecked();
    await expect(page.getByLabel("Expires on (YYYY-MM-DD)")).toHaveValue(dateInDays(120));
    await page.getByLabel("Expires on (YYYY-MM-DD)").fill(dateInDays(200));
    await expect(page.getByText(`choose ${dateInDays(120)} or earlier`)).toBeVisible();
  });
});
