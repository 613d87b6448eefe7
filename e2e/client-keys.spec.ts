import { randomUUID, type KeyObject } from "node:crypto";
import { SignJWT } from "jose";
import type { Page } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./support/axe";
import { createClientCli, tokenServiceCacheSecond } from "./support/secrets";
import { ecKeyPair, rsaKeyPair, seedSignedJwtClient, thumbprintOf } from "./support/client-keys";
import { E2E_BASE_URL } from "./support/e2e-env";
import { expect, signInAs, test } from "./support/fixtures";
import { expectAbsentFromServerLog } from "./support/server-log";

// Signed-JWT clients (private_key_jwt): created through the portal with a public key, the
// Keys tab (add, delete, limit, read-only members), and a private key that must never be
// sent. The fixtures replay every action here as outsiders, who must be refused.

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

/** client_credentials with private_key_jwt, as an application would send it. */
async function tokenWithAssertion(clientId: string, privateKey: KeyObject, alg: "ES256" | "RS256", kid: string) {
  const assertion = await new SignJWT({ jti: randomUUID() })
    .setProtectedHeader({ alg, kid })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(`${E2E_BASE_URL}/identity/token`)
    .setIssuedAt()
    .setExpirationTime("2m")
    .sign(privateKey);
  return fetch(`${E2E_BASE_URL}/identity/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: clientId,
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: assertion,
    }),
  });
}

const keysPage = (tenant: string, clientId: string) => `/t/${tenant}/clients/${clientId}/keys`;
const keyRows = (page: Page) => page.getByRole("region", { name: "Keys" }).getByRole("row");

/** Counts the server actions the page sends from now on. */
function countActions(page: Page): () => number {
  let count = 0;
  page.on("request", (request) => {
    if (request.method() === "POST" && request.headers()["next-action"]) count++;
  });
  return () => count;
}

test("an administrator creates a signed-JWT client with a public key, adds a second key and deletes the first", async ({ page, tenant }) => {
  const first = ecKeyPair();
  const firstJwk = first.publicJwk({ kid: "scanner-2026" });
  const thumbprint = await thumbprintOf(firstJwk);
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients/new`);

  // Step 1: the security type, client secret by default.
  await page.getByLabel("Name").fill("Line scanner");
  await expect(page.getByRole("radio", { name: "Client secret", exact: true })).toBeChecked();
  const signedJwt = page.getByRole("radio", { name: "Signed JWT", exact: true });
  await expect(signedJwt).toHaveAccessibleDescription(
    /signs a short-lived JWT with its own private key \(private_key_jwt, RFC 7523\).*no shared secret to leak/,
  );
  await signedJwt.check();
  await page.getByRole("button", { name: "Continue" }).click();

  // Step 2: the public key instead of a secret.
  await expect(page.getByRole("list", { name: "Steps" }).locator("[aria-current=step]")).toHaveText("3. Public key");
  await expect(page.getByLabel("Expires on")).toHaveCount(0);
  const keyField = page.getByLabel("Public key");
  await expect(keyField).toHaveAccessibleDescription(/Never paste the private key/);
  await expectNoSeriousAxeViolations(page);
  await keyField.fill(firstJwk);
  await page.getByLabel("Key description").fill("scanner on line 3");
  await page.getByRole("button", { name: "Add", exact: true }).click();

  // No secret, so no one-time dialog: straight to the new client's Connect tab (which says it was created).
  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/clients/[0-9a-f-]{36}/connect\\?created=1$`));
  const clientId = /clients\/([0-9a-f-]{36})\/connect/.exec(page.url())![1]!;
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByText("Client “Line scanner” is ready.")).toBeVisible();
  await page.goto(`/t/${tenant.slug}/clients/${clientId}/keys`);
  await expect(page.getByRole("navigation", { name: "Client sections" }).getByRole("link")).toHaveText(["Details", "Keys", "Roles", "Connect"]);
  await expect(page.getByText("Signed JWT", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Copy Client Id" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(clientId);
  await expect(page.getByText("1 of 10 keys", { exact: true })).toBeVisible();
  const firstRow = keyRows(page).filter({ hasText: "scanner on line 3" });
  await expect(firstRow).toContainText("EC P-256");
  await expect(firstRow).toContainText("scanner-2026");
  await expect(firstRow).toContainText(thumbprint);
  await expect(firstRow).toContainText("Never used");
  await firstRow.getByRole("button", { name: "Copy thumbprint of key scanner-2026" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(thumbprint);
  await expect(page.getByRole("region", { name: "Replacing a key" })).toContainText("Switch the application to sign with the new private key");
  await expectNoSeriousAxeViolations(page);

  // Rotation: a second key, pasted as PEM.
  const second = rsaKeyPair();
  await page.getByRole("button", { name: "Add key" }).click();
  await expect(page.getByLabel("Public key")).toBeFocused();
  await page.getByLabel("Public key").fill(second.publicPem);
  await page.getByLabel("Key description").fill("line 3, 2027 key");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "(RSA 2048) added" })).toBeVisible();
  await expect(page.getByText("2 of 10 keys", { exact: true })).toBeVisible();
  await expect(keyRows(page).filter({ hasText: "line 3, 2027 key" })).toContainText("RSA 2048");
  await expect(page.getByRole("heading", { name: "Keys", exact: true })).toBeFocused();

  // Delete the first: the confirmation names it.
  await firstRow.getByRole("button", { name: "Delete key scanner-2026" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete key scanner-2026?" });
  await expect(confirm).toContainText("EC P-256, “scanner on line 3”");
  await expect(confirm).toContainText("stop working immediately");
  await expect(confirm).toContainText("never been used");
  await expect(confirm).not.toContainText("only key");
  await expectNoSeriousAxeViolations(page);
  await confirm.getByRole("button", { name: "Delete key" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Key scanner-2026 deleted" })).toBeVisible();
  await expect(page.getByText("1 of 10 keys", { exact: true })).toBeVisible();
  await expect(firstRow).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Keys", exact: true })).toBeFocused();

  // The application signs in with the key that is left, and the page shows its last use
  // (written within the token service's five-second flush).
  const secondKid = await thumbprintOf(second.publicJwk());
  await tokenServiceCacheSecond();
  expect((await tokenWithAssertion(clientId, second.privateKey, "RS256", secondKid)).status).toBe(200);
  await expect(async () => {
    await page.reload();
    await expect(keyRows(page).filter({ hasText: "line 3, 2027 key" })).not.toContainText("Never used", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });

  // The Secrets URL explains, the list and the audit log name the security type.
  await page.goto(`/t/${tenant.slug}/clients/${clientId}/secrets`);
  await expect(page.getByText("This client uses signed JWTs, so it has no secrets")).toBeVisible();
  await page.getByRole("link", { name: "Manage its keys" }).click();
  await expect(page).toHaveURL(keysPage(tenant.slug, clientId));
  await page.goto(`/t/${tenant.slug}/clients`);
  await expect(page.getByRole("row").filter({ hasText: "Line scanner" })).toContainText("Signed JWT");
  await page.goto(`/t/${tenant.slug}/audit?target=${clientId}`);
  const entries = page.getByRole("list", { name: "Audit entries" }).getByRole("listitem");
  await expect(entries).toHaveCount(4);
  await expect(entries.first()).toContainText("Key deleted");
  await expect(entries.first()).toContainText("scanner-2026");
  await expect(entries.filter({ hasText: "Client created" }).getByRole("row", { name: /Security type/ })).toContainText("Signed JWT");
});

test("a pasted private key is refused in the browser and never sent; a weak key is refused by the server", async ({ page, tenant }) => {
  const leaked = rsaKeyPair();
  const client = seedSignedJwtClient(tenant.slug, "Refusals");
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients/new`);
  await page.getByLabel("Name").fill("Careless");
  await page.getByRole("radio", { name: "Signed JWT", exact: true }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  // Continue asks the server about the name and Client Id (never a key): counted from the step after it.
  await expect(page.getByLabel("Public key")).toBeVisible();
  const actions = countActions(page);
  await page.getByLabel("Public key").fill(leaked.privatePem);
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByText("This is a private key. Paste only the public key", { exact: false })).toBeVisible();
  await expect(page.getByLabel("Public key")).toHaveAttribute("aria-invalid", "true");
  // Wiped, so it does not stay on screen either.
  await expect(page.getByLabel("Public key")).toHaveValue("");

  await page.goto(keysPage(tenant.slug, client.clientId));
  await page.getByRole("button", { name: "Add key" }).click();
  await page.getByLabel("Public key").fill(leaked.privateJwk);
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByText("Nothing was sent, and the field was cleared.", { exact: false })).toBeVisible();
  await expect(page.getByLabel("Public key")).toHaveValue("");
  expect(actions(), "server actions sent with a private key").toBe(0);

  await page.getByLabel("Public key").fill(rsaKeyPair(1024).publicPem);
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByText("RSA keys must have at least 2048 bits.", { exact: true })).toBeVisible();
  expect(actions()).toBe(1);
  await expect(page.getByText("1 of 10 keys", { exact: true })).toBeVisible();
  const secretPart = leaked.privatePem.split("\n")[3]!;
  expectAbsentFromServerLog({ "the pasted private key's secret part": secretPart });
});

test("a member sees the keys read-only", async ({ page, tenant }) => {
  const client = seedSignedJwtClient(tenant.slug, "Read only keys", 2);
  await signInAs(page.request, tenant.member);
  await page.goto(keysPage(tenant.slug, client.clientId));
  await expect(page.getByText("2 of 10 keys", { exact: true })).toBeVisible();
  await expect(keyRows(page).filter({ hasText: "key-2" })).toContainText(client.keys[1]!.thumbprint);
  await expect(page.getByText("Adding and deleting them needs the Account Administrator role")).toBeVisible();
  await expect(page.getByRole("button", { name: /Add|Delete/ })).toHaveCount(0);
  await expectNoSeriousAxeViolations(page);

  await page.goto(`/t/${tenant.slug}/clients/${client.clientId}`);
  const details = page.getByRole("region", { name: "Details" });
  await expect(details).toContainText(/Security type\s*Signed JWT/);
  await expect(details).toContainText(/Token signing algorithm\s*ES256/);
});

test("deleting the last key leaves a client that cannot authenticate; at 10 keys adding is disabled", async ({ page, tenant }) => {
  // Three clients seeded through the CLI (a process each) and two axe passes: on a busy
  // machine that alone came near the default 60 s.
  test.slow();
  const lonely = seedSignedJwtClient(tenant.slug, "Lonely");
  const full = seedSignedJwtClient(tenant.slug, "Full", 10);
  const secretClient = createClientCli(tenant.slug, "Secret kind");
  await signInAs(page.request, tenant.admin);
  await page.goto(keysPage(tenant.slug, lonely.clientId));
  await page.getByRole("button", { name: /^Delete key / }).click();
  await expect(page.getByRole("dialog")).toContainText("This is the client’s only key");
  await page.getByRole("dialog").getByRole("button", { name: "Delete key" }).click();
  await expect(page.getByText("0 of 10 keys", { exact: true })).toBeVisible();
  await expect(page.getByText("This client cannot authenticate until a key is added.")).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  await page.goto(keysPage(tenant.slug, full.clientId));
  const add = page.getByRole("button", { name: "Add key" });
  await expect(add).toBeDisabled();
  await expect(add).toHaveAccessibleDescription("10 of 10 keys: delete one first.");

  // A client-secret client has no Keys tab, and its keys URL explains why.
  await page.goto(keysPage(tenant.slug, secretClient.clientId));
  await expect(page.getByRole("navigation", { name: "Client sections" }).getByRole("link")).toHaveText(["Details", "Secrets", "Roles", "Connect"]);
  await expect(page.getByText("This client authenticates with a client secret instead.", { exact: false })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add key" })).toHaveCount(0);
});
