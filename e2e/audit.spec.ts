import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { seedEnvironments, createClientInEnvironment } from "./support/admin";
import { latchkey } from "./support/cli";
import { createClientWithCli } from "./support/clients";
import { expect, seedTenant, signInAs, test } from "./support/fixtures";
import { dateInDays, recordResponses } from "./support/secrets";
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
  // The choice navigates; a value typed before that lands would be reset with the form.
  await expect(page).toHaveURL(/\/audit$/);
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

test("entries link to their client, user or role while it is there, and say when it is gone", async ({ page, tenant }) => {
  const client = createClientWithCli(tenant.slug, "Linked historian", ["--type", "client-credentials"]);
  latchkey(["roles", "create", "--tenant", tenant.slug, "--name", "Short-lived"]);
  latchkey(["roles", "delete", "--tenant", tenant.slug, "--role", "Short-lived"]);
  latchkey(["roles", "create", "--tenant", tenant.slug, "--name", "Readers"]);
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/audit`);
  const entries = page.getByRole("list", { name: "Audit entries" }).getByRole("listitem");

  const readers = entries.filter({ hasText: "Role created" }).filter({ hasText: "Readers" });
  await expect(readers.getByRole("link", { name: "“Readers”" })).toHaveAttribute("href", /\/roles#role-[0-9a-f-]{36}$/);
  const gone = entries.filter({ hasText: "Role created" }).filter({ hasText: "Short-lived" });
  await expect(gone).toContainText("Role “Short-lived” (deleted)");
  await expect(gone.getByRole("link")).toHaveCount(0);
  await expect(entries.filter({ hasText: "Tenant created" }).getByRole("link")).toHaveCount(0);
  const member = entries.filter({ hasText: "User added" }).filter({ hasText: tenant.member });
  await expect(member.getByRole("link", { name: `“${tenant.member}”` })).toHaveAttribute("href", /\/users\/[0-9a-f-]{36}\/roles$/);
  await expectNoSeriousAxeViolations(page);

  await entries.filter({ hasText: "Client created" }).getByRole("link", { name: "“Linked historian”" }).click();
  await expect(page).toHaveURL(`/t/${tenant.slug}/clients/${client.clientId}`);
  await expect(page.getByRole("heading", { level: 1, name: "Linked historian" })).toBeVisible();
});

test("a date range narrows the log, stays in the URL and explains a date it cannot read", async ({ page, tenant }) => {
  const today = dateInDays(0);
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/audit`);
  const entries = page.getByRole("list", { name: "Audit entries" }).getByRole("listitem");
  await expect(entries).toHaveCount(3);

  await page.getByLabel("From", { exact: true }).fill(today);
  await page.getByLabel("To", { exact: true }).fill(today);
  await page.getByLabel("To", { exact: true }).press("Enter");
  await expect(page).toHaveURL(new RegExp(`\\?from=${today}&to=${today}$`));
  await expect(entries).toHaveCount(3);
  await page.getByLabel("From", { exact: true }).fill(dateInDays(1));
  await page.getByLabel("To", { exact: true }).fill("");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("heading", { name: "No entries match these filters" })).toBeVisible();

  // Bad dates are explained at the field, which gets the focus; the URL stays as it was.
  const before = page.url();
  await page.getByLabel("From", { exact: true }).fill("2026-02-30");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("From: 2026-02-30 is not a real date")).toBeVisible();
  await expect(page.getByLabel("From", { exact: true })).toBeFocused();
  await expect(page.getByLabel("From", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("From", { exact: true }).fill(today);
  await page.getByLabel("To", { exact: true }).fill(dateInDays(-1));
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("To must be the same day as From or later")).toBeVisible();
  await expect(page.getByLabel("To", { exact: true })).toBeFocused();
  expect(page.url()).toBe(before);
  await expectNoSeriousAxeViolations(page);

  // A link with a bad date says what is wrong where the date is.
  await page.goto(`/t/${tenant.slug}/audit?to=31.12.2026`);
  await expect(page.getByText("To must be a date written YYYY-MM-DD, e.g. 2026-03-01")).toBeVisible();
});

test("an administrator downloads the filtered entries as CSV and JSON, and the export is in the log", async ({ page, tenant }) => {
  const client = createClientWithCli(tenant.slug, '=HYPERLINK("evil"), "Plant" 7', ["--type", "client-credentials"]);
  const today = dateInDays(0);
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/audit?action=client.create&from=${today}&to=${today}`);
  await expect(page.getByRole("list", { name: "Audit entries" }).getByRole("listitem")).toHaveCount(1);

  const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export as CSV" }).click()]);
  expect(csvDownload.suggestedFilename()).toBe(`latchkey-audit-${tenant.slug}-${today}.csv`);
  const csv = readFileSync((await csvDownload.path())!, "utf8");
  const lines = csv.split("\r\n");
  expect(lines[0]).toBe('\ufeff"Time (UTC)","Action","Description","Actor type","Actor","Target type","Target id","Target","Details","Event id"');
  expect(lines).toHaveLength(3);
  expect(lines[1]).toContain(`"client.create","Client created","cli"`);
  expect(lines[1]).toContain(`"${client.clientId}","'=HYPERLINK(""evil""), ""Plant"" 7"`);
  expect(lines[2]).toBe("");

  const [jsonDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export as JSON" }).click()]);
  expect(jsonDownload.suggestedFilename()).toBe(`latchkey-audit-${tenant.slug}-${today}.json`);
  const events = JSON.parse(readFileSync((await jsonDownload.path())!, "utf8")) as { action: string; target: { id: string; label: string } }[];
  expect(events).toEqual([
    expect.objectContaining({ action: "client.create", target: { type: "client", id: client.clientId, label: '=HYPERLINK("evil"), "Plant" 7' } }),
  ]);
  expect(JSON.stringify(events)).not.toContain(client.clientSecret);

  // Both exports are in the log, with what they held.
  await page.goto(`/t/${tenant.slug}/audit?action=audit.export`);
  const exports = page.getByRole("list", { name: "Audit entries" }).getByRole("listitem");
  await expect(exports).toHaveCount(2);
  await expect(exports.first()).toContainText("Audit log exported");
  await expect(exports.first()).toContainText(`by ${tenant.admin}`);
  await expect(exports.first().getByRole("definition").first()).toHaveText("json");
  await expect(exports.first()).toContainText(`Action: client.create; From: ${today}; To: ${today}`);
  await expect(exports.nth(1).getByRole("definition").first()).toHaveText("csv");
});

test("the export answers members, outsiders and bad queries as the audit API does, and records nothing for them", async ({ page, tenant, outsider }) => {
  const url = `/api/t/${tenant.slug}/audit/export?format=csv`;
  expect((await page.request.get(url)).status()).toBe(401);
  await signInAs(page.request, outsider.admin);
  const outside = await page.request.get(url);
  expect(outside.status()).toBe(404);
  expect(await outside.json()).toMatchObject({ code: "NOT_FOUND" });
  await signInAs(page.request, tenant.member);
  const member = await page.request.get(url);
  expect(member.status()).toBe(403);
  expect(await member.json()).toMatchObject({ code: "FORBIDDEN", message: "You need the Account Administrator role to export the audit log." });
  await signInAs(page.request, tenant.admin);
  const bad = await page.request.get(`/api/t/${tenant.slug}/audit/export?format=xlsx&from=2026-02-30`);
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({
    code: "VALIDATION",
    fieldErrors: { format: ["Export format must be csv or json"], from: ["From: 2026-02-30 is not a real date"] },
  });
  const ok = await page.request.get(url);
  expect(ok.status()).toBe(200);
  expect(ok.headers()["content-disposition"]).toMatch(/^attachment; filename="latchkey-audit-/);
  expect(ok.headers()["cache-control"]).toContain("no-store");
  // Only the administrator's one export was recorded.
  const log = (await (await page.request.get(`/api/t/${tenant.slug}/audit?action=audit.export`)).json()) as { events: { actor: { label: string } }[] };
  expect(log.events.map((e) => e.actor.label)).toEqual([tenant.admin]);
});
