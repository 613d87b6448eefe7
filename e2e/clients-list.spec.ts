import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { seedClientsList } from "./support/clients-list";
import { expect, signInAs, test } from "./support/fixtures";

const rows = (page: Page) => page.getByRole("table", { name: "Clients" }).locator("tbody tr");
const row = (page: Page, name: string) => rows(page).filter({ has: page.getByRole("link", { name, exact: true }) });
/** The names shown, in order; retried until the page after a navigation shows them. */
const expectNames = (page: Page, names: string[]) => expect(rows(page).locator("td:nth-child(2)")).toHaveText(names);
const ALL = ["Partner Site", "Customer Portal", "Field Tablet", "Mobile App", ...[8, 7, 6, 5, 4, 3, 2, 1].map((i) => `Sensor 0${i}`)];

async function expectNoSeriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

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
  await expectNoSeriousViolations(page);

  // Soonest expiry: amber within 30 days, red once expired, and said in words too.
  const expiring = row(page, "Sensor 01").locator("td").nth(6);
  await expect(expiring).toContainText("(in 10 days)");
  await expect(expiring.locator("span").first()).toHaveClass(/text-amber-800/);
  const expired = row(page, "Sensor 02").locator("td").nth(6);
  await expect(expired).toContainText("Expired 3 days ago");
  await expect(expired.locator("span").first()).toHaveClass(/text-red-800/);
  await expect(row(page, "Mobile App").locator("td").nth(6)).toHaveText("Never expires");
  await expect(row(page, "Sensor 01").locator("td").nth(7)).toHaveText("2 hours ago");
  // Authorization code clients have no secrets: a dash, explained to screen readers.
  await expect(row(page, "Customer Portal").locator("td").nth(5)).toHaveText("—Not applicable: authorization code clients have no secrets");

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
  await expectNoSeriousViolations(page);
  await page.goBack();
  await expect(page.getByText("1–10 of 12 clients")).toBeVisible();
  // A page past the end shows the last one.
  await page.goto(`/t/${tenant.slug}/clients?pageSize=10&page=9`);
  await expect(page.getByText("11–12 of 12 clients")).toBeVisible();
});

test("the list fits a narrow window: the table scrolls, the page does not", async ({ page, tenant }) => {
  seedClientsList(tenant.slug);
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients`);
  const region = page.getByRole("region", { name: "Clients" });
  await expect(region).toBeVisible();
  const [scrollWidth, clientWidth] = await region.evaluate((el) => [el.scrollWidth, el.clientWidth]);
  expect(scrollWidth).toBeGreaterThan(clientWidth);
  expect(await page.locator("main").evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await expect(page.getByLabel("Client type")).toBeInViewport();
  await expectNoSeriousViolations(page);
});

test("empty tenants say what to do; members see the list read-only", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.admin);
  await page.goto(`/t/${tenant.slug}/clients`);
  await expect(page.getByRole("heading", { name: "No clients yet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Add your first client" })).toHaveAttribute("href", `/t/${tenant.slug}/clients/new`);
  await expect(page.getByRole("search")).toHaveCount(0);
  await expectNoSeriousViolations(page);

  seedClientsList(tenant.slug);
  await signInAs(page.request, tenant.member);
  await page.goto(`/t/${tenant.slug}/clients?type=hybrid`);
  await expect(page.getByText("You can view clients.")).toBeVisible();
  await expectNames(page, ["Field Tablet", "Mobile App"]);
  await expect(page.getByRole("link", { name: "Add client" })).toHaveCount(0);
});
