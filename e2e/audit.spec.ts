import { createHash } from "node:crypto";
import { seedEnvironments, createClientInEnvironment } from "./support/admin";
import { expect, seedTenant, signInAs, test } from "./support/fixtures";
import { recordResponses } from "./support/secrets";
import { expectNoSeriousAxeViolations } from "./support/axe";

test("an administrator reads and filters the audit log, which never shows a secret", async ({ page, tenant }) => {
  const client = createClientInEnvironment(tenant.slug, "Plant historian", "Production");
  seedEnvironments(tenant.slug, 30, "Site");
  await signInAs(page.request, tenant.admin);
  const responses = await recordResponses(page);
  await page.goto(`/t/${tenant.slug}/audit`);

  // 35 entries: the tenant, its two users, the client and its secret, 30 environments.
  const entries = page.getByRole("list", { name: "Audit entries" }).getByRole("listitem");
  await expect(entries).toHaveCount(25);
  await expect(page.getByText("25 entries shown, newest first; more below")).toBeVisible();
  await expect(entries.first()).toContainText("Environment created");
  await expect(entries.first()).toContainText("Environment “Site 30”");
  await expect(entries.first()).toContainText("by e2e (command line)");
  await expect(entries.first().locator("time")).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
  await expect(entries.first()).toContainText(/just now|minute ago|minutes ago/);
  await expectNoSeriousAxeViolations(page);
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(entries).toHaveCount(35);
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
  await expect(entries.last()).toContainText("Tenant created");

  // Filters: the action list holds the actions present; each filter lands in the URL.
  await page.getByLabel("Action").selectOption({ label: "Secret added" });
  await expect(page).toHaveURL(/\?action=secret\.create$/);
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText("Client “Plant historian”");
  await expect(entries.first()).toContainText(client.clientId);
  await expect(entries.first()).toContainText("Secret starts with");
  await page.getByLabel("Action").selectOption({ label: "All actions" });
  await page.getByLabel("Target").fill("PLANT");
  await page.getByLabel("Target").press("Enter");
  await expect(page).toHaveURL(/\?target=PLANT$/);
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(1)).toContainText("Client created");
  await expect(entries.nth(1).getByRole("row", { name: /Environment/ })).toContainText("Production");
  await page.getByLabel("Target").fill(client.clientId);
  await page.getByLabel("Actor").fill("nobody@");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("heading", { name: "No entries match these filters" })).toBeVisible();
  await page.getByLabel("Actor").fill("");
  await page.getByLabel("Target").fill("");
  await page.getByLabel("Actor").fill(tenant.admin.slice(0, 10).toUpperCase());
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(entries).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "No entries match these filters" })).toBeVisible();

  // Back returns to the previous filters, and a shared link opens the same view.
  await page.goBack();
  await expect(page.getByLabel("Target")).toHaveValue(client.clientId);
  await page.goto(`/t/${tenant.slug}/audit?action=client.create&target=historian`);
  await expect(page.getByLabel("Action")).toHaveValue("client.create");
  await expect(entries).toHaveCount(1);
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${tenant.slug}/audit$`));
  await expect(entries).toHaveCount(25);

  // The secret appears in no page, no API answer.
  const hash = createHash("sha256").update(client.clientSecret).digest("hex");
  expect(responses.some((r) => r.url.includes("/api/t/"))).toBe(true);
  for (const { body } of responses) {
    expect(body).not.toContain(client.clientSecret);
    expect(body).not.toContain(client.clientSecret.slice(3));
    expect(body).not.toContain(hash);
  }
  expect(await page.content()).not.toContain(client.clientSecret);
});

test("an empty filter result and an invalid filter in the URL are explained", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/audit?action=role.delete`);
  await expect(page.getByRole("heading", { name: "No entries match these filters" })).toBeVisible();
  await page.goto(`/t/${tenant.slug}/audit?action=NOT%20AN%20ACTION`);
  await expect(page.getByRole("alert").filter({ hasText: "The audit log query is not valid." })).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page.getByRole("list", { name: "Audit entries" }).getByRole("listitem")).toHaveCount(3);
});

test("a member is told the audit log needs Account Administrator", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.member);
  await page.goto(`/t/${tenant.slug}/audit`);
  await expect(page.getByRole("heading", { name: "You need the Account Administrator role" })).toBeVisible();
  await expect(page.getByText("Only Account Administrators can see the audit log.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Audit entries" })).toHaveCount(0);
  await expectNoSeriousAxeViolations(page);
});

// Security regressions of the audit API: every refusal is a JSON answer with the right status.
test("the audit API answers 401, 403, 404 and 400 as it should", async ({ page, tenant }) => {
  const url = `/api/t/${tenant.slug}/audit`;
  const signedOut = await page.request.get(url);
  expect(signedOut.status()).toBe(401);
  expect(await signedOut.json()).toMatchObject({ code: "UNAUTHENTICATED" });

  await signInAs(page.request, tenant.member);
  const member = await page.request.get(url);
  expect(member.status()).toBe(403);
  expect(await member.json()).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("Account Administrator") });

  const other = seedTenant();
  await signInAs(page.request, other.admin);
  for (const path of [url, "/api/t/no-such-tenant/audit", "/api/t/NOT A SLUG/audit"]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(404);
    expect(await response.json()).toMatchObject({ code: "NOT_FOUND" });
  }

  await signInAs(page.request, tenant.admin);
  const ok = await page.request.get(`${url}?limit=2`);
  expect(ok.status()).toBe(200);
  expect(ok.headers()["cache-control"]).toContain("no-store");
  const body = (await ok.json()) as { events: unknown[]; nextCursor: string | null };
  expect(body.events).toHaveLength(2);
  expect(body.nextCursor).toMatch(/^\d+\.[0-9a-f-]{36}$/);
  expect((await page.request.get(`${url}?limit=2&cursor=${body.nextCursor}`)).status()).toBe(200);

  for (const query of ["limit=0", "limit=1000", "limit=abc", "cursor=abc", "cursor=1.x", "action=DROP%20TABLE", `actor=${"x".repeat(300)}`]) {
    const response = await page.request.get(`${url}?${query}`);
    expect(response.status(), query).toBe(400);
    expect(await response.json()).toMatchObject({ code: "VALIDATION", fieldErrors: expect.any(Object) });
  }
});
