import type { Locator, Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { latchkey } from "./support/cli";
import { createClientWithCli } from "./support/clients";
import { ecKeyPair } from "./support/client-keys";
import { expectNoSeriousAxeViolations } from "./support/axe";
import { expect, signInAs, test } from "./support/fixtures";

// Issue 9: the Add client wizard with the keyboard alone, early checks of the Client Id and
// name, and the post-create landing page (the client's Connect tab, `?created=1` only).

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

const CREATED_URL = (tenant: string) => new RegExp(`/t/${tenant}/clients/[0-9a-f-]{36}/connect\\?created=1$`);

/** Tab (forwards) until `target` has focus, as a keyboard user would; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, max = 15): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

/** Copies the secret and closes the one-time dialog with the keyboard; returns the Client Id shown. */
async function copyAndCloseWithKeyboard(page: Page): Promise<string> {
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  const clientId = await dialog.getByRole("textbox", { name: "Client Id" }).inputValue();
  await tabTo(page, dialog.getByRole("button", { name: "Copy Client Secret" }));
  await page.keyboard.press("Enter");
  await expect(dialog.getByRole("button", { name: "Client Secret copied" })).toBeVisible();
  await tabTo(page, dialog.getByRole("button", { name: "Close", exact: true }));
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  return clientId;
}

async function expectLandedAtTop(page: Page, tenant: string): Promise<void> {
  await expect(page).toHaveURL(CREATED_URL(tenant));
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
}

/** The names of the tenant's clients, read through the CLI (the same domain functions). */
function clientNames(tenant: string): string[] {
  return latchkey<{ clients: { name: string }[] }>(["clients", "list", "--tenant", tenant, "--page-size", "100"]).clients.map((c) => c.name);
}

test("client-credentials with a secret, by keyboard: Enter advances, focus follows the steps", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.admin);
  // A small window, so the wizard's Add is far down the page and landing at the top means something.
  await page.setViewportSize({ width: 1280, height: 500 });
  await page.goto(`/t/${tenant.slug}/clients/new`);
  await page.getByRole("radio", { name: "Client-credentials", exact: true }).focus();

  await page.keyboard.press("Tab");
  const name = page.getByLabel("Name");
  await expect(name).toBeFocused();
  await page.keyboard.type("Keyboard historian");
  await page.keyboard.press("Enter");

  // Step 3, focus on its first field.
  const steps = page.getByRole("list", { name: "Steps" });
  await expect(steps.locator("[aria-current=step]")).toHaveText("3. First secret");
  await expect(page.getByLabel("Secret description")).toBeFocused();

  // Back returns to the Client step with focus on Name, and Enter there advances again.
  await tabTo(page, page.getByRole("button", { name: "Back" }));
  await page.keyboard.press("Enter");
  await expect(steps.locator("[aria-current=step]")).toHaveText("2. Client");
  await expect(name).toBeFocused();
  await expect(name).toHaveValue("Keyboard historian");
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Secret description")).toBeFocused();

  await page.keyboard.type("keyboard test");
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Client “Keyboard historian” created" });
  await expect(dialog).toBeVisible();
  // Enter in the dialog's read-only Client Id must not submit the form behind it again.
  await dialog.getByRole("textbox", { name: "Client Id" }).press("Enter");
  await expect(dialog).toBeVisible();
  await copyAndCloseWithKeyboard(page);
  await expectLandedAtTop(page, tenant.slug);
  expect(page.url()).not.toContain("lk_");
  expect(clientNames(tenant.slug), "one client, not a second one from the Enter in the dialog").toEqual(["Keyboard historian"]);
});

test("client-credentials with a signed JWT, by keyboard: no dialog, straight to the new client", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients/new`);
  await page.getByRole("radio", { name: "Client-credentials", exact: true }).focus();
  await page.keyboard.press("Tab");
  await page.keyboard.type("Keyboard scanner");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("radio", { name: "Client secret", exact: true })).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("radio", { name: "Signed JWT", exact: true })).toBeChecked();
  await page.keyboard.press("Enter");

  const key = page.getByLabel("Public key");
  await expect(key).toBeFocused();
  await page.keyboard.insertText(ecKeyPair().publicJwk());
  await tabTo(page, page.getByLabel("Key description"));
  await page.keyboard.type("line 3");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expectLandedAtTop(page, tenant.slug);
});

test("hybrid, by keyboard: a refused Continue focuses the field to fix", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients/new?type=hybrid`);
  await page.getByRole("radio", { name: "Hybrid", exact: true }).focus();
  await page.keyboard.press("Tab");
  await page.keyboard.type("Keyboard portal");
  await page.keyboard.press("Enter");

  const redirects = page.getByLabel("Allowed redirect URLs");
  await expect(page.getByText("Enter at least one redirect URL")).toBeVisible();
  await expect(redirects).toBeFocused();
  await page.keyboard.type("https://portal.example.com/signin-oidc");
  await tabTo(page, page.getByLabel("Token lifetime (seconds)"));
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Secret description")).toBeFocused();
  await page.keyboard.press("Enter");
  await copyAndCloseWithKeyboard(page);
  await expectLandedAtTop(page, tenant.slug);
});

test("authorization code, by keyboard: Enter saves, or focuses what is missing", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients/new?type=authorization-code`);
  await page.getByRole("radio", { name: "Authorization code", exact: true }).focus();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Name")).toBeFocused();
  await page.keyboard.type("Keyboard dashboard");
  await page.keyboard.press("Enter");
  await expect(page.getByText("Enter at least one redirect URL")).toBeVisible();
  await expect(page.getByLabel("Allowed redirect URLs")).toBeFocused();
  await page.keyboard.type("https://dashboard.example.com/callback");
  await tabTo(page, page.getByLabel("Token lifetime (seconds)"));
  await page.keyboard.press("Enter");
  await expectLandedAtTop(page, tenant.slug);
  // One message for the creation: the page opened says it, no toast repeats it.
  await expect(page.getByRole("status").filter({ hasText: "created" })).toHaveCount(0);
});

test("the type cards show keyboard focus as a ring around the card", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients/new`);
  const radio = page.getByRole("radio", { name: "Hybrid", exact: true });
  await page.getByRole("radio", { name: "Client-credentials", exact: true }).focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(radio).toBeFocused();
  const styles = await radio.evaluate((input) => {
    const card = input.closest("label")!;
    const own = getComputedStyle(input);
    const ring = getComputedStyle(card);
    return {
      ownOutline: own.outlineStyle,
      cardOutline: ring.outlineStyle,
      cardRadius: ring.borderTopLeftRadius,
      inputHeight: input.getBoundingClientRect().height,
    };
  });
  expect(styles).toMatchObject({ ownOutline: "none", cardOutline: "solid", cardRadius: "8px" });
  expect(styles.inputHeight, "the radio keeps its size instead of stretching to the card").toBeLessThan(20);
  // A mouse click shows no ring (focus-visible, not focus-within).
  await page.getByText("Server-to-server communication").click();
  const afterClick = await page
    .getByRole("radio", { name: "Client-credentials", exact: true })
    .evaluate((input) => getComputedStyle(input.closest("label")!).outlineStyle);
  expect(afterClick).toBe("none");
});

test("a Client Id in use is refused when the field is left, whichever tenant has it", async ({ page, tenant, outsider }) => {
  const mine = randomUUID();
  const theirs = randomUUID();
  createClientWithCli(tenant.slug, "Existing", ["--type", "client-credentials", "--client-id", mine]);
  createClientWithCli(outsider.slug, "Theirs", ["--type", "client-credentials", "--client-id", theirs]);
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients/new`);
  await page.getByLabel("Name").fill("Own id");
  await page.getByText("Advanced: token signing algorithm, a Client Id of my own").click();
  const clientId = page.getByLabel("Client Id (GUID)");
  const inUse = page.getByText("A client with this Client Id already exists. Leave it empty to generate one.");

  for (const taken of [mine, theirs.toUpperCase()]) {
    await clientId.fill(taken);
    await clientId.press("Tab");
    await expect(inUse).toBeVisible();
    await expect(clientId).toHaveAttribute("aria-invalid", "true");
    await expect(clientId).toHaveAccessibleDescription(/already exists/);
    // Nothing names the client or the tenant that has it.
    await expect(page.getByText("Theirs")).toHaveCount(0);
    await expect(page.getByText(outsider.slug)).toHaveCount(0);
  }
  await expectNoSeriousAxeViolations(page);

  // Corrected while typing, and Continue checks again before the last step.
  await clientId.fill(randomUUID());
  await expect(inUse).toBeHidden();
  await clientId.fill(mine);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(inUse).toBeVisible();
  await expect(page.getByLabel("Expires on")).toBeHidden();
  await expect(clientId).toBeFocused();
});

test("a Client Id taken before the final Add: the wizard stays on its step and offers the way back", async ({ page, tenant }) => {
  const id = randomUUID();
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients/new`);
  await page.getByLabel("Name").fill("Late conflict");
  await page.getByText("Advanced: token signing algorithm, a Client Id of my own").click();
  await page.getByLabel("Client Id (GUID)").fill(id);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Secret description").fill("kept on this step");

  // Another administrator takes the id meanwhile.
  createClientWithCli(tenant.slug, "Quicker", ["--type", "client-credentials", "--client-id", id]);
  await page.getByRole("button", { name: "Add", exact: true }).click();

  const problem = page.getByRole("alert").filter({ hasText: "A client with this Client Id already exists" });
  await expect(problem).toBeVisible();
  await expect(page.getByRole("list", { name: "Steps" }).locator("[aria-current=step]")).toHaveText("3. First secret");
  await expect(page.getByLabel("Secret description")).toHaveValue("kept on this step");
  await expectNoSeriousAxeViolations(page);

  await problem.getByRole("button", { name: "Go back to change it" }).click();
  const clientId = page.getByLabel("Client Id (GUID)");
  await expect(clientId).toBeFocused();
  await expect(clientId).toHaveAccessibleDescription(/already exists/);
  await clientId.fill("");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByLabel("Secret description")).toHaveValue("kept on this step");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByRole("dialog", { name: "Client “Late conflict” created" })).toBeVisible();
});

test("a name the tenant already uses is a warning with a link, on leaving Name and on the last step", async ({ page, tenant, outsider }) => {
  const existing = createClientWithCli(tenant.slug, "UX_Historian_Plant1", ["--type", "client-credentials"]);
  createClientWithCli(outsider.slug, "Only_In_Other_Tenant", ["--type", "client-credentials"]);
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients/new`);
  const name = page.getByLabel("Name");

  await name.fill("Only_In_Other_Tenant");
  await name.press("Tab");
  await name.fill("ux_historian_plant1");
  await name.press("Tab");
  const warning = page.locator("#name-warning");
  await expect(warning).toHaveText(
    "A client named “UX_Historian_Plant1” already exists in this tenant. You can still add this one; a clear, distinct name helps tell them apart later.",
  );
  await expect(warning.getByRole("link", { name: "UX_Historian_Plant1" })).toHaveAttribute("href", `/t/${tenant.slug}/clients/${existing.clientId}`);
  await expect(name).toHaveAccessibleDescription(/already exists in this tenant/);
  await expect(name).toHaveAttribute("aria-invalid", "false");
  await expectNoSeriousAxeViolations(page);

  // Again on the last step, and it does not stop the Add.
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("status").filter({ hasText: "already exists in this tenant" })).toBeVisible();
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByRole("dialog", { name: "Client “ux_historian_plant1” created" })).toBeVisible();

  // A name of its own: no warning.
  await page.goto(`/t/${tenant.slug}/clients/new?type=authorization-code`);
  await name.fill("Unique dashboard");
  await name.press("Tab");
  await expect(page.locator("#name-warning")).toBeEmpty();
});
