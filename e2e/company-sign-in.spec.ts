// Signing in to the portal through the company's identity provider, for real: a separate
// oidc-provider (lib/testing/company-idp.ts) with its own accounts and login page, that
// next-auth talks to as it would to the company's own provider.
import type { Page } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./support/axe";
import { addIdpAccount } from "./support/company-idp";
import { COMPANY_IDP, E2E_BASE_URL } from "./support/e2e-env";
import { expect, signInAs, test } from "./support/fixtures";

const PASSWORD = "correct horse battery staple";

/** From the portal's sign-in page, through the IdP's own login page. */
async function signInThroughIdp(page: Page, username: string) {
  await page.getByRole("button", { name: `Sign in with ${COMPANY_IDP.name}` }).click();
  await expect(page).toHaveURL(new RegExp(`^${COMPANY_IDP.issuer}/interaction/`));
  await expect(page.getByRole("heading", { name: "Company IdP" })).toBeVisible();
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in to Company IdP" }).click();
}

test("an administrator signs in through the company's identity provider and comes back to the page asked for, with their roles", async ({ page, tenant }) => {
  await addIdpAccount(page.request, { email: tenant.admin, password: PASSWORD, name: "Ada Admin", emailVerified: true });
  await page.goto(`/t/${tenant.slug}/users`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await expectNoSeriousAxeViolations(page);
  await signInThroughIdp(page, tenant.admin);

  await expect(page).toHaveURL(`/t/${tenant.slug}/users`);
  await expect(page.getByText(`${tenant.admin} · Account Administrator`)).toBeVisible();
  // The Users page: bound to the provider (issuer shown) with a last sign-in, or still waiting.
  const admin = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: tenant.admin }) });
  await expect(admin).toContainText("Ada Admin");
  await expect(admin).toContainText(`Identity provider${COMPANY_IDP.issuer}`);
  await expect(admin).toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  const member = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: tenant.member }) });
  await expect(member).toContainText("Waiting for a first sign-in");
  await expect(member).toContainText("Never signed in");
  await expectNoSeriousAxeViolations(page);
});

test("a member signs in through the provider as an Account Member", async ({ page, tenant }) => {
  await addIdpAccount(page.request, { email: tenant.member, password: PASSWORD, emailVerified: true });
  await page.goto("/signin");
  await signInThroughIdp(page, tenant.member);
  await expect(page).toHaveURL(`/t/${tenant.slug}/clients`);
  await expect(page.getByText(`${tenant.member} · Account Member`)).toBeVisible();
  await expect(page.getByRole("link", { name: "Add client" })).toHaveCount(0);
});

test("an identity provider account whose email is not verified is refused, binds nothing, and the refusal is audited", async ({ page, browser, tenant }) => {
  // An account at the provider that merely claims the administrator's address.
  await addIdpAccount(page.request, { username: `mallory-${tenant.slug}`, email: tenant.admin, password: PASSWORD, emailVerified: false });
  await page.goto(`/t/${tenant.slug}/clients`);
  await signInThroughIdp(page, `mallory-${tenant.slug}`);
  await expect(page).toHaveURL("/signin/refused?reason=email-not-verified");
  await expect(page.getByRole("heading", { name: "Your email address is not confirmed" })).toBeVisible();
  await expect(
    page.getByRole("alert").filter({ hasText: "Your identity provider did not confirm this email address; ask it to, or ask an administrator." }),
  ).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  expect(await (await page.request.get("/api/auth/session")).json()).toEqual({});
  await page.goto(`/t/${tenant.slug}/clients`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);

  // The real administrator (development sign-in) sees nothing bound, and the refusal in the log.
  const admin = await browser.newPage();
  await signInAs(admin.request, tenant.admin);
  await admin.goto(`/t/${tenant.slug}/users`);
  // Signed in, but only through development sign-in: bound to nothing at the provider.
  const adminRow = admin.getByRole("row").filter({ has: admin.getByRole("rowheader", { name: tenant.admin }) });
  await expect(adminRow).toContainText("Development sign-in");
  await expect(adminRow).not.toContainText(COMPANY_IDP.issuer);
  await expect(adminRow).not.toContainText("Waiting for a first sign-in");
  await admin.goto(`/t/${tenant.slug}/audit`);
  const entry = admin.getByRole("listitem").filter({ hasText: "Sign-in refused" });
  await expect(entry).toContainText(tenant.admin);
  await expect(entry).toContainText(`${COMPANY_IDP.issuer} (identity provider)`);
  await expect(entry).toContainText("email-not-verified");
  await admin.close();
});

test("a second provider account showing a bound person's email is never bound to them", async ({ page, tenant }) => {
  await addIdpAccount(page.request, { email: tenant.admin, password: PASSWORD, emailVerified: true });
  await addIdpAccount(page.request, { username: `impostor-${tenant.slug}`, email: tenant.admin, password: PASSWORD, emailVerified: true });
  await page.goto("/signin");
  await signInThroughIdp(page, tenant.admin);
  await expect(page).toHaveURL(`/t/${tenant.slug}/clients`);
  await page.context().clearCookies();

  await page.goto("/signin");
  await signInThroughIdp(page, `impostor-${tenant.slug}`);
  await expect(page).toHaveURL("/signin/refused?reason=bound-to-another-identity");
  await expect(page.getByRole("heading", { name: "This email belongs to another sign-in" })).toBeVisible();
  expect(await (await page.request.get("/api/auth/session")).json()).toEqual({});
});

test("someone the provider signs in who is a member of no tenant gets a clear page, not a loop", async ({ page }) => {
  const email = `stranger-${Date.now()}@example.test`;
  await addIdpAccount(page.request, { email, password: PASSWORD, emailVerified: true });
  await page.goto("/signin");
  await signInThroughIdp(page, email);
  await expect(page).toHaveURL("/signin/refused?reason=not-a-member");
  await expect(page.getByRole("heading", { name: "You are not a member of any tenant" })).toBeVisible();
  // The page stays put: no redirect follows. (The refused page's own load may still report
  // itself once after the URL matched: only a navigation elsewhere would be a loop.)
  const refused = page.url();
  const navigations: string[] = [];
  page.on("framenavigated", (frame) => frame === page.mainFrame() && frame.url() !== refused && navigations.push(frame.url()));
  await page.waitForLoadState("networkidle");
  expect(navigations).toEqual([]);
  await expectNoSeriousAxeViolations(page);
  await page.getByRole("link", { name: "Back to sign-in" }).click();
  await expect(page.getByRole("heading", { name: "Sign in", exact: true })).toBeVisible();
});

// next-auth's own endpoints, driven directly: the sign-in page cleans callbackUrl before the
// button sees it, so only this reaches next-auth's redirect callback with a hostile value.
test("a hostile callbackUrl given to next-auth's provider sign-in still lands on the portal after the round trip", async ({ page, tenant }) => {
  await addIdpAccount(page.request, { email: tenant.admin, password: PASSWORD, emailVerified: true });
  // "http://[::1" is not a URL at all: next-auth's own redirect callback threw on it (a 500).
  for (const callbackUrl of ["http://[::1", "http://localhost:3000.evil.example/x", "/\\evil.example/a", "https://evil.example/"]) {
    await page.context().clearCookies();
    const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const started = await page.request.post("/api/auth/signin/oidc", { form: { csrfToken, callbackUrl, json: "true" } });
    expect(started.status(), callbackUrl).toBe(200);
    const { url } = (await started.json()) as { url: string };
    expect(url.startsWith(`${COMPANY_IDP.issuer}/`), url).toBe(true);

    const offSite: string[] = [];
    const watch = (request: { url(): string }) => {
      const origin = new URL(request.url()).origin;
      if (origin !== E2E_BASE_URL && origin !== COMPANY_IDP.issuer) offSite.push(request.url());
    };
    page.on("request", watch);
    await page.goto(url);
    await page.getByLabel("Username").fill(tenant.admin);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in to Company IdP" }).click();
    await expect(page).toHaveURL(`/t/${tenant.slug}/clients`);
    page.off("request", watch);
    expect(offSite, callbackUrl).toEqual([]);
  }
});
