import { expect, test } from "./support/fixtures";
import { expectNoSeriousAxeViolations } from "./support/axe";
import { serverLogEntries } from "./support/server-log";

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

test("the server said at start-up, in one loud line, that development sign-in is on and for whom", async () => {
  const lines = serverLogEntries().filter((entry) => entry.msg.includes("DEVELOPMENT SIGN-IN IS ON"));
  expect(lines).toHaveLength(1);
  expect(lines[0]!.level, "a warning").toBe(40);
  // The test server sets no HOST: development sign-in kept it to this machine.
  expect(lines[0]!.msg).toContain("listening on 127.0.0.1 only: meant for a developer on this machine");
});

test("an unknown or hostile ?error= on the sign-in page gets the generic message, never a 500", async ({ page }) => {
  for (const query of ["error=__proto__", "error=constructor", "error=toString", "error=CredentialsSignin&error=__proto__"]) {
    const response = await page.request.get(`/signin?${query}`);
    expect(response.status(), query).toBe(200);
    expect(await response.text(), query).toContain("Sign-in failed. Try again.");
  }
  await page.goto("/signin?error=__proto__");
  await expect(page.getByRole("alert").filter({ hasText: "Sign-in failed. Try again." })).toBeVisible();
});
