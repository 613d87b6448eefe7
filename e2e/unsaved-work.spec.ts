import { errors, type Dialog, type Page } from "@playwright/test";
import { createClientWithCli } from "./support/clients";
import { expectNoSeriousAxeViolations } from "./support/axe";
import { ecKeyPair } from "./support/client-keys";
import { expect, signInAs, test } from "./support/fixtures";

// Issue 9: a half-filled Add client form and unsaved edits (client details, role
// assignments) were dropped on navigation without a word, and Back returned an empty form.

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

/** Answers the next dialog (the browser's confirm or beforeunload) and reports what it was. */
function answerNextDialog(page: Page, accept: boolean): Promise<{ type: string; message: string }> {
  return new Promise((resolve) => {
    page.once("dialog", (dialog: Dialog) => {
      resolve({ type: dialog.type(), message: dialog.message() });
      void (accept ? dialog.accept() : dialog.dismiss());
    });
  });
}

/**
 * The browser's Back button when the page is expected to cancel it: then nothing navigates,
 * and there is no navigation for goBack() to wait for.
 */
async function backCancelled(page: Page): Promise<void> {
  await page.goBack({ timeout: 2_000 }).catch((error: unknown) => {
    if (!(error instanceof errors.TimeoutError)) throw error;
  });
}

const sessionStorageText = (page: Page) => page.evaluate(() => JSON.stringify(sessionStorage));

test("Add client: leaving asks first (link, Back, reload or close), and coming back restores the draft", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients`);
  await page.getByRole("link", { name: "Add client" }).first().click();
  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/clients/new$`));
  const name = page.getByLabel("Name");

  // Nothing typed yet: leaving does not ask.
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/clients$`));
  await page.getByRole("link", { name: "Add client" }).first().click();

  await name.fill("Half-filled historian");
  await page.getByLabel("Token lifetime (seconds)").fill("900");

  // A link: dismissed, the page and what was typed stay.
  let asked = answerNextDialog(page, false);
  await page.getByRole("link", { name: "← Clients" }).click();
  expect(await asked).toMatchObject({ type: "confirm", message: expect.stringMatching(/^Leave without adding the client\?/) });
  await expect(page).toHaveURL(new RegExp(`/clients/new$`));
  await expect(name).toHaveValue("Half-filled historian");

  // The browser's Back: dismissed, the page stays (and so does its history entry).
  asked = answerNextDialog(page, false);
  await backCancelled(page);
  expect((await asked).type).toBe("confirm");
  await expect(page).toHaveURL(new RegExp(`/clients/new$`));
  await expect(name).toHaveValue("Half-filled historian");

  // Reload and close: the browser's own question.
  asked = answerNextDialog(page, false);
  await page.close({ runBeforeUnload: true });
  expect((await asked).type).toBe("beforeunload");
  expect(page.isClosed()).toBe(false);
  await expect(name).toHaveValue("Half-filled historian");

  // Back, accepted: the list; Forward (or Add client again) brings the draft back.
  asked = answerNextDialog(page, true);
  await page.goBack();
  await asked;
  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/clients$`));
  await page.goForward();
  await expect(name).toHaveValue("Half-filled historian");
  await expect(page.getByLabel("Token lifetime (seconds)")).toHaveValue("900");
  await expect(page.getByRole("status").filter({ hasText: "What you entered before is filled in again" })).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  // A link, accepted: the page is left; the list's Add client link restores the draft too.
  asked = answerNextDialog(page, true);
  await page.getByRole("link", { name: "← Clients" }).click();
  await asked;
  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/clients$`));
  await page.getByRole("link", { name: "Add client" }).first().click();
  await expect(name).toHaveValue("Half-filled historian");

  // Start over empties the form and forgets the draft; leaving no longer asks.
  await page.getByRole("button", { name: "Start over" }).click();
  await expect(name).toHaveValue("");
  await page.getByRole("link", { name: "← Clients" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/clients$`));
  await page.getByRole("link", { name: "Add client" }).first().click();
  await expect(name).toHaveValue("");
});

test("Add client: the draft keeps the type and the client's fields, never a secret's or key's, and goes once the client is added", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients/new`);
  await page.getByRole("radio", { name: "Hybrid", exact: true }).check();
  await page.getByLabel("Name").fill("Drafted portal");
  await page.getByLabel("Allowed redirect URLs").fill("https://b.example.com/cb\nhttps://a.example.com/cb");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Secret description").fill("web farm secret note");

  // Left through a link, come back with the list's plain "Add client" (no ?type).
  const asked = answerNextDialog(page, true);
  await page.getByRole("link", { name: "← Clients" }).click();
  await asked;
  await page.getByRole("link", { name: "Add client" }).first().click();
  await expect(page.getByRole("radio", { name: "Hybrid", exact: true })).toBeChecked();
  await expect(page.getByLabel("Name")).toHaveValue("Drafted portal");
  await expect(page.getByLabel("Allowed redirect URLs")).toHaveValue("https://b.example.com/cb\nhttps://a.example.com/cb");
  const stored = await sessionStorageText(page);
  expect(stored).toContain("Drafted portal");
  expect(stored).not.toContain("web farm secret note");

  // A signed-JWT draft keeps no public key either.
  await page.getByRole("radio", { name: "Client-credentials", exact: true }).check();
  await page.getByLabel("Name").fill("Drafted scanner");
  await page.getByRole("radio", { name: "Signed JWT", exact: true }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Public key").fill(ecKeyPair().publicJwk());
  expect(await sessionStorageText(page)).toContain("Drafted scanner");
  expect(await sessionStorageText(page)).not.toContain('"kty"');

  // Adding the client clears every draft of the tenant, and its page opens without asking.
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/clients/[0-9a-f-]{36}/connect\\?created=1$`));
  expect(await sessionStorageText(page)).not.toContain("Drafted");
  await page.goto(`/t/${tenant.slug}/clients/new?type=hybrid`);
  await expect(page.getByLabel("Name")).toHaveValue("");
  await expect(page.getByText("What you entered before is filled in again")).toHaveCount(0);
});

test("client details and roles: unsaved changes ask before a tab link or Back leaves them", async ({ page, tenant }) => {
  const { clientId } = createClientWithCli(tenant.slug, "Edited client", ["--type", "client-credentials"]);
  await signInAs(page.request, tenant.admin);
  const details = `/t/${tenant.slug}/clients/${clientId}`;
  await page.goto(details);
  const tabs = page.getByRole("navigation", { name: "Client sections" });

  const description = page.getByLabel("Description (optional)");
  await description.fill("not saved yet");
  let asked = answerNextDialog(page, false);
  await tabs.getByRole("link", { name: "Roles" }).click();
  expect(await asked).toMatchObject({ type: "confirm", message: expect.stringContaining("details are not saved") });
  await expect(page).toHaveURL(new RegExp(`${details}$`));
  await expect(description).toHaveValue("not saved yet");

  // Saved: nothing to ask about.
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes to “Edited client” saved" })).toBeVisible();
  await tabs.getByRole("link", { name: "Roles" }).click();
  await expect(page).toHaveURL(new RegExp(`${details}/roles$`));

  const administrator = page.getByRole("checkbox", { name: /Account Administrator/ });
  await administrator.check();
  asked = answerNextDialog(page, false);
  await tabs.getByRole("link", { name: "Details" }).click();
  expect(await asked).toMatchObject({ type: "confirm", message: expect.stringContaining("role changes for") });
  await expect(page).toHaveURL(new RegExp(`${details}/roles$`));
  await expect(administrator).toBeChecked();

  asked = answerNextDialog(page, false);
  await backCancelled(page);
  await asked;
  await expect(page).toHaveURL(new RegExp(`${details}/roles$`));
  await expect(administrator).toBeChecked();

  asked = answerNextDialog(page, true);
  await page.goBack();
  await asked;
  await expect(page).toHaveURL(new RegExp(`${details}$`));
  await page.goto(`${details}/roles`);
  await expect(administrator).not.toBeChecked();
});

test("a member's roles: unsaved changes ask before leaving", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/users`);
  await page.getByRole("link", { name: `Change roles of ${tenant.member}` }).click();
  await expect(page).toHaveURL(/\/users\/[^/]+\/roles$/);
  const administrator = page.getByRole("checkbox", { name: /Account Administrator/ });
  await administrator.check();
  const asked = answerNextDialog(page, false);
  await page.getByRole("link", { name: "← Users" }).click();
  expect((await asked).message).toContain("role changes for");
  await expect(page).toHaveURL(/\/users\/[^/]+\/roles$/);
  await expect(administrator).toBeChecked();
});

test("Sign out with unsaved work asks first, once; signing out drops this tab's drafts", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients/new`);
  await page.getByLabel("Name").fill("Draft before sign-out");
  await expect.poll(() => sessionStorageText(page)).toContain("Draft before sign-out");

  // Dismissed: still signed in, on the page, with the work.
  const asked = answerNextDialog(page, false);
  await page.getByRole("button", { name: "Sign out" }).click();
  expect(await asked).toMatchObject({ type: "confirm", message: expect.stringMatching(/^Leave without adding the client\?/) });
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByLabel("Secret description")).toBeVisible(); // the session still answers the server check

  // Accepted: signed out, with no second (beforeunload) question on the way, and no draft left.
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.type());
    void dialog.accept();
  });
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  expect(dialogs).toEqual(["confirm"]);
  expect(await sessionStorageText(page)).not.toContain("Draft before sign-out");
});

test("Back while the one-time secret dialog is open asks first: the secret is not lost without a word", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients`);
  await page.getByRole("link", { name: "Add client" }).first().click();
  await page.getByLabel("Name").fill("Dialog guard");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Add", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();

  const asked = answerNextDialog(page, false);
  await backCancelled(page);
  expect(await asked).toMatchObject({ type: "confirm", message: "Leave this page? You will not see this secret again." });
  await expect(dialog).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/clients/new$`));
});
