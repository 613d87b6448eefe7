// Guards against logout CSRF: another site sending a person signed in to the portal to the
// token service's sign-out endpoint (RP-initiated logout) without an id_token_hint must not
// end their portal session unless they confirm on Latchkey's page. oidc-provider confirms
// such a request by itself when it has no session of its own for the person.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expectNoSeriousAxeViolations } from "../support/axe";
import { E2E_BASE_URL } from "../support/e2e-env";
import { expect, signInAs, test } from "../support/fixtures";

let attacker: Server | undefined;

/** A page on another origin that sends whoever opens it to Latchkey's sign-out endpoint. */
async function startAttackerSite(): Promise<string> {
  attacker = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(
      `<!DOCTYPE html><html lang="en"><head><title>Cute cats</title></head><body><script>location.assign(${JSON.stringify(`${E2E_BASE_URL}/identity/session/end`)})</script></body></html>`,
    );
  });
  await new Promise<void>((resolve) => attacker!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
}

test.afterEach(async () => {
  await new Promise((resolve) => (attacker ? attacker.close(resolve) : resolve(undefined)));
  attacker = undefined;
});

test("another site cannot sign a person out of the portal without their confirmation", async ({ page, tenant }) => {
  const site = await startAttackerSite();
  await signInAs(page.request, tenant.admin);

  await page.goto(site);
  await expect(page).toHaveURL(`${E2E_BASE_URL}/identity/session/end`);
  await expect(page.getByRole("heading", { name: "Sign out?" })).toBeVisible();
  await expect(page.getByText("An application asks to sign you out.")).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  // Nothing was submitted behind the person's back: the portal session is still there.
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("heading", { name: "Sign out?" })).toBeVisible();
  expect(((await (await page.request.get("/api/auth/session")).json()) as { user?: { email?: string } }).user?.email).toBe(tenant.admin);

  // "Stay signed in" keeps the session.
  await page.getByRole("button", { name: "Stay signed in" }).click();
  await page.goto(`/t/${tenant.slug}/clients`);
  await expect(page.getByRole("heading", { name: "Clients", exact: true })).toBeVisible();

  // Confirming signs out, as the person asked.
  await page.goto(site);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByRole("heading", { name: "You are signed out" })).toBeVisible();
  await page.goto(`/t/${tenant.slug}/clients`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
});
