// Guards against logout CSRF: another site sending a person signed in to the portal to the
// token service's sign-out endpoint (RP-initiated logout) without an id_token_hint must not
// end their portal session unless they confirm on Latchkey's page. oidc-provider confirms
// such a request by itself (an auto-submitted logout=yes form) when it has no session of
// its own for the person; a cross-site POST arrives without the portal's SameSite=Lax cookie.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "../support/axe";
import { E2E_BASE_URL } from "../support/e2e-env";
import { expect, signInAs, test } from "../support/fixtures";

let attacker: Server | undefined;
const END_SESSION = `${E2E_BASE_URL}/identity/session/end`;

/** A page on another site (127.0.0.1, Latchkey is on localhost) that sends whoever opens it to Latchkey's sign-out endpoint. */
async function startAttackerSite(): Promise<string> {
  attacker = createServer((req, res) => {
    const body =
      req.url === "/post"
        ? `<form method="post" action="${END_SESSION}"><input type="hidden" name="client_id" value=""></form><script>document.forms[0].submit()</script>`
        : `<script>location.assign(${JSON.stringify(END_SESSION)})</script>`;
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<!DOCTYPE html><html lang="en"><head><title>Cute cats</title></head><body>${body}</body></html>`);
  });
  await new Promise<void>((resolve) => attacker!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
}

test.afterEach(async () => {
  await new Promise((resolve) => (attacker ? attacker.close(resolve) : resolve(undefined)));
  attacker = undefined;
});

async function portalUser(page: Page): Promise<string | undefined> {
  return ((await (await page.request.get("/api/auth/session")).json()) as { user?: { email?: string } }).user?.email;
}

test("another site cannot sign a person out of the portal without their confirmation", async ({ page, tenant }) => {
  const site = await startAttackerSite();
  await signInAs(page.request, tenant.admin);

  await page.goto(`${site}/`);
  await expect(page).toHaveURL(END_SESSION);
  await expect(page.getByRole("heading", { name: "Sign out?" })).toBeVisible();
  await expect(page.getByText("An application asks to sign you out.")).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  // Nothing was submitted behind the person's back: the portal session is still there.
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("heading", { name: "Sign out?" })).toBeVisible();
  expect(await portalUser(page)).toBe(tenant.admin);

  // "Stay signed in" keeps the session, and the page after it says so.
  await page.getByRole("button", { name: "Stay signed in" }).click();
  await expect(page.getByRole("heading", { name: "You are still signed in" })).toBeVisible();
  await expect(page.getByText("You are still signed in to Latchkey in this browser.")).toBeVisible();
  await expect(page.getByText("You signed out of Latchkey")).toHaveCount(0);
  await page.goto(`/t/${tenant.slug}/clients`);
  await expect(page.getByRole("heading", { name: "Clients", exact: true })).toBeVisible();

  // Confirming signs out, as the person asked.
  await page.goto(`${site}/`);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByRole("heading", { name: "You are signed out" })).toBeVisible();
  await page.goto(`/t/${tenant.slug}/clients`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
});

test("another site's auto-submitted sign-out form (a cross-site POST, without the portal cookie) signs nobody out", async ({ page, tenant }) => {
  const site = await startAttackerSite();
  await signInAs(page.request, tenant.admin);

  const arrived = page.waitForResponse((response) => response.url().startsWith(END_SESSION) && response.request().method() === "POST");
  await page.goto(`${site}/post`);
  await arrived;
  await page.waitForLoadState("networkidle");
  // Whatever the endpoint answered, no confirmation went through behind the person's back.
  await expect(page.getByRole("heading", { name: "You are signed out" })).toHaveCount(0);
  expect(await portalUser(page)).toBe(tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients`);
  await expect(page.getByRole("heading", { name: "Clients", exact: true })).toBeVisible();
});
