import type { Page } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./support/axe";
import { seedClientsList } from "./support/clients-list";
import { expect, signInAs, test } from "./support/fixtures";
import { copySecretAndClose, createClientCli, dateInDays } from "./support/secrets";

const rows = (page: Page) => page.getByRole("table", { name: "Clients" }).locator("tbody tr");
const row = (page: Page, name: string) => rows(page).filter({ has: page.getByRole("link", { name, exact: true }) });
/** The names shown, in order; retried until the page after a navigation shows them. */
const expectNames = (page: Page, names: string[]) => expect(rows(page).locator("th a")).toHaveText(names);
/** A row's cells after the name: type, environment, roles, secrets, soonest expiry, last used, created. */
const cell = (page: Page, name: string, column: "secrets" | "expiry" | "lastUsed" | "created") =>
  row(page, name).locator("td").nth({ secrets: 3, expiry: 4, lastUsed: 5, created: 6 }[column]);
const ALL = ["Partner Site", "Customer Portal", "Field Tablet", "Mobile App", ...[8, 7, 6, 5, 4, 3, 2, 1].map((i) => `Sensor 0${i}`)];

test("an administrator filters, searches and pages through the clients list", async ({ page, tenant }) => {
  const clients = seedClientsList(tenant.slug);
  const byName = Object.fromEntries(clients.map((c) => [c.name, c]));
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients`);

  // Newest first, all twelve on the default page, with a link to each client's page.
  await expect(page.getByText("1–12 of 12 clients")).toBeVisible();
  await expectNames(page, ALL);
  await expect(row(page, "Sensor 01").getByRole("link")).toHaveAttribute("href", `/t/${tenant.slug}/clients/${byName["Sensor 01"]!.clientId}`);
  await expect(row(page, "Mobile App")).toContainText("Production");
  await expect(row(page, "Sensor 05")).toContainText("Development");
  await expectNoSeriousAxeViolations(page);

  // Soonest expiry: amber within 30 days, red once expired, and said in words too.
  const expiring = cell(page, "Sensor 01", "expiry");
  await expect(expiring).toContainText("(in 10 days)");
  await expect(expiring.locator("span").first()).toHaveClass(/text-amber-800/);
  const expired = cell(page, "Sensor 02", "expiry");
  await expect(expired).toContainText("Expired 3 days ago");
  await expect(expired.locator("span").first()).toHaveClass(/text-red-800/);
  await expect(cell(page, "Mobile App", "expiry")).toHaveText("Never expires");
  await expect(cell(page, "Sensor 01", "lastUsed")).toHaveText("2 hours ago");
  // Authorization code clients have no secrets: a dash, explained to screen readers.
  await expect(cell(page, "Customer Portal", "secrets")).toHaveText("—Not applicable: authorization code clients have no secrets");
  // Who created it; an email wraps before its @, if at all, never inside a word.
  await expect(cell(page, "Sensor 01", "created")).toHaveText(new RegExp(`^\\d{4}-\\d{2}-\\d{2}by e2e$`));
  await expect(row(page, "Sensor 01").getByRole("rowheader")).toContainText(byName["Sensor 01"]!.clientId);

  // Type filter, by keyboard: choose, then Enter in the search box submits the form.
  await page.getByLabel("Client type").selectOption("authorization-code");
  await page.getByLabel("Search").press("Enter");
  await expect(page).toHaveURL(/type=authorization-code/);
  await expectNames(page, ["Partner Site", "Customer Portal"]);
  await expect(page.getByLabel("Client type")).toHaveValue("authorization-code");
  await expect(page.getByRole("link", { name: "Add client" })).toHaveAttribute("href", `/t/${tenant.slug}/clients/new?type=authorization-code`);

  // Environment together with type.
  await page.getByLabel("Environment").selectOption({ label: "Production" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expectNames(page, ["Customer Portal"]);

  // Search: a name in another letter case, and the start of a Client Id in upper case.
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page.getByText("1–12 of 12 clients")).toBeVisible();
  await page.getByLabel("Search").fill("SENSOR 0");
  await page.getByLabel("Search").press("Enter");
  await expect(page.getByText("1–8 of 8 clients")).toBeVisible();
  await page.getByLabel("Search").fill(byName["Field Tablet"]!.clientId.slice(0, 13).toUpperCase());
  await page.getByLabel("Search").press("Enter");
  await expectNames(page, ["Field Tablet"]);

  // No matches: say so and offer the way back.
  await page.getByLabel("Search").fill("no such client");
  await page.getByLabel("Search").press("Enter");
  await expect(page.getByRole("heading", { name: "No clients match these filters" })).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).last().click();
  await expect(page.getByText("1–12 of 12 clients")).toBeVisible();
  await expect(page.getByLabel("Search")).toHaveValue("");

  // Pages of ten: next, shareable URL, Back.
  await page.getByRole("link", { name: "10 clients per page" }).click();
  await expect(page.getByText("1–10 of 12 clients")).toBeVisible();
  await expect(page.getByRole("link", { name: "Page 1", exact: true })).toHaveAttribute("aria-current", "page");
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/pageSize=10&page=2/);
  await expect(page.getByText("11–12 of 12 clients")).toBeVisible();
  await expectNames(page, ["Sensor 02", "Sensor 01"]);
  await expect(page.getByRole("link", { name: "Next page" })).toHaveCount(0);
  await expectNoSeriousAxeViolations(page);
  await page.goBack();
  await expect(page.getByText("1–10 of 12 clients")).toBeVisible();
  // A page past the end shows the last one.
  await page.goto(`/t/${tenant.slug}/clients?pageSize=10&page=9`);
  await expect(page.getByText("11–12 of 12 clients")).toBeVisible();
});

test("sorting by a column header: in the URL, with the filters and pages, both ways", async ({ page, tenant }) => {
  seedClientsList(tenant.slug);
  createClientCli(tenant.slug, "Urgent sensor", { expires: dateInDays(5) });
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients`);
  const header = (name: string) => page.getByRole("columnheader", { name });
  await expect(header("Created")).toHaveAttribute("aria-sort", "descending");
  await expect(header("Soonest expiry")).not.toHaveAttribute("aria-sort");

  // What expires soonest first: expired, then by date (equal dates newest first), and the
  // clients without a secret that expires last.
  const byExpiry = [
    "Sensor 02",
    "Urgent sensor",
    "Sensor 01",
    "Field Tablet",
    ...[8, 7, 6, 5, 4, 3].map((i) => `Sensor 0${i}`),
    "Partner Site",
    "Customer Portal",
    "Mobile App",
  ];
  await header("Soonest expiry").getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/clients\\?sort=expiry$`));
  await expectNames(page, byExpiry);
  await expect(header("Soonest expiry")).toHaveAttribute("aria-sort", "ascending");
  await expect(header("Created")).not.toHaveAttribute("aria-sort");
  // The warnings escalate: red within 7 days and once expired, amber within 30.
  await expect(cell(page, "Urgent sensor", "expiry").locator("span").first()).toHaveClass(/text-red-800/);
  await expect(cell(page, "Urgent sensor", "expiry")).toContainText("(in 5 days)");
  await expect(cell(page, "Sensor 01", "expiry").locator("span").first()).toHaveClass(/text-amber-800/);
  await expectNoSeriousAxeViolations(page);

  // Again: the other way round; the clients without an expiry stay last.
  await header("Soonest expiry").getByRole("link").click();
  await expect(page).toHaveURL(/\?sort=expiry&order=desc$/);
  await expect(header("Soonest expiry")).toHaveAttribute("aria-sort", "descending");
  await expectNames(page, [
    ...[8, 7, 6, 5, 4, 3].map((i) => `Sensor 0${i}`),
    "Field Tablet",
    "Sensor 01",
    "Urgent sensor",
    "Sensor 02",
    "Partner Site",
    "Customer Portal",
    "Mobile App",
  ]);

  // A filter keeps the sort, and the sort keeps the filter.
  await page.getByLabel("Client type").selectOption("hybrid");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/type=hybrid/);
  await expect(page).toHaveURL(/sort=expiry&order=desc/);
  await expectNames(page, ["Field Tablet", "Mobile App"]);
  await header("Name").getByRole("link").click();
  await expect(page).toHaveURL(/\?type=hybrid&sort=name$/);
  await expectNames(page, ["Field Tablet", "Mobile App"]);
  await header("Name").getByRole("link").click();
  await expectNames(page, ["Mobile App", "Field Tablet"]);
  await expect(page).toHaveURL(/\?type=hybrid&sort=name&order=desc$/);
  await page.goBack();
  await expectNames(page, ["Field Tablet", "Mobile App"]);
  await page.reload();
  await expect(header("Name")).toHaveAttribute("aria-sort", "ascending");

  // Pages follow the sort; a new sort starts again at page 1.
  await page.goto(`/t/${tenant.slug}/clients?sort=name&pageSize=10`);
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/\?sort=name&pageSize=10&page=2$/);
  await expectNames(page, ["Sensor 07", "Sensor 08", "Urgent sensor"]);
  await header("Last used").getByRole("link").click();
  await expect(page).toHaveURL(/\?sort=lastUsed&pageSize=10$/);
  await expect(rows(page).first()).toContainText("Sensor 01");

  // What an edited URL holds that makes no sense is the default order, not an error.
  const response = await page.goto(`/t/${tenant.slug}/clients?sort=secret&order=sideways`);
  expect(response?.status()).toBe(200);
  await expect(header("Created")).toHaveAttribute("aria-sort", "descending");
  await expect(rows(page).first()).toContainText("Urgent sensor");
});

test("on a phone the rows stack into cards that fit, under a sort bar", async ({ page, tenant }) => {
  seedClientsList(tenant.slug);
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients`);
  const region = page.getByRole("region", { name: "Clients" });
  await expect(region).toBeVisible();
  // Nothing is wider than the window: not the page, not the table in its box.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await region.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await expect(page.getByLabel("Client type")).toBeInViewport();
  // Each card names its fields.
  const card = row(page, "Sensor 01");
  expect(
    await card
      .locator("td")
      .nth(4)
      .evaluate((el) => getComputedStyle(el, "::before").content),
  ).toBe('"Soonest expiry"');
  await page.getByRole("link", { name: "Soonest expiry" }).click();
  await expect(page).toHaveURL(/\?sort=expiry$/);
  await expect(rows(page).first()).toContainText("Sensor 02");
  await expectNoSeriousAxeViolations(page);
});

test("after a client is added, the list opens at its top with the new client highlighted", async ({ page, tenant }) => {
  seedClientsList(tenant.slug);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients/new`);
  await page.getByLabel("Name", { exact: true }).fill("Newest sensor");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("button", { name: "Add", exact: true })).toBeVisible();
  // Scrolled down a little, as after reaching for the Add button: the next page's top is
  // still in view then, and Next.js would keep the scroll position (the menu out of view).
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1280, height: height - 40 });
  await page.evaluate(() => window.scrollTo(0, 40));
  await page.getByRole("button", { name: "Add", exact: true }).click();
  const { clientId } = await copySecretAndClose(page);

  // The wizard lands on the new client's Connect tab, at its top; its banner leads to the list.
  await expect(page).toHaveURL(new RegExp(`/clients/${clientId}/connect\\?created=1$`));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
  await page.evaluate(() => window.scrollTo(0, 40));
  await page.getByRole("link", { name: "back to the clients list" }).click();
  await expect(page).toHaveURL(new RegExp(`/clients\\?created=${clientId}$`));
  const banner = page.getByRole("status").filter({ hasText: "“Newest sensor” was created" });
  await expect(banner).toBeVisible();
  // Announced: focus is on the confirmation, and the page starts at its top.
  await expect(page.locator(":focus")).toContainText("“Newest sensor” was created");
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
  await expect(page.getByRole("link", { name: "Latchkey" })).toBeInViewport();
  const created = row(page, "Newest sensor");
  await expect(created).toHaveClass(/bg-green-50/);
  await expect(created.getByRole("rowheader")).toContainText("New: just created");
  await expect(rows(page).filter({ hasText: "just created" })).toHaveCount(1);
  await expect(banner.getByRole("link", { name: "Newest sensor" })).toHaveAttribute("href", `/t/${tenant.slug}/clients/${clientId}`);
  await expectNoSeriousAxeViolations(page);
});

test("empty tenants say what to do; members see the list read-only", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients`);
  await expect(page.getByRole("heading", { name: "No clients yet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Add your first client" })).toHaveAttribute("href", `/t/${tenant.slug}/clients/new`);
  await expect(page.getByRole("search")).toHaveCount(0);
  await expectNoSeriousAxeViolations(page);

  seedClientsList(tenant.slug);
  await signInAs(page.request, tenant.member);
  await page.goto(`/t/${tenant.slug}/clients?type=hybrid`);
  await expect(page.getByText("You can view clients.")).toBeVisible();
  await expectNames(page, ["Field Tablet", "Mobile App"]);
  await expect(page.getByRole("link", { name: "Add client" })).toHaveCount(0);
});
