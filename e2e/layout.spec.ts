import { test as base, expect, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { horizontalOverflow, seedLayoutSite, type LayoutSite } from "./support/layout";
import { signInAs } from "./support/sign-in";

// Every page of the portal, on a phone (390 px) and on a laptop (1280 px): nothing is wider
// than the window, and axe finds no violation. Adding a page is one line in PAGES.

type LayoutPage = {
  name: string;
  path: (site: LayoutSite) => string;
  /** Pages outside a tenant are seen signed out. */
  signedOut?: true;
  /** Brings the page into the state to check, e.g. the next step of a form. */
  open?: (page: Page) => Promise<void>;
  /** What else must hold for this page's layout at this width. */
  check?: (page: Page, width: number) => Promise<void>;
};

const t = (site: LayoutSite, path = "") => `/t/${site.slug}${path}`;
const client = (site: LayoutSite, clientId: string, tab = "") => t(site, `/clients/${clientId}${tab}`);
const byName = (site: LayoutSite, name: string) => site.clients.find((c) => c.name === name)!.clientId;
const sensor = (site: LayoutSite) => byName(site, "Sensor 01");
const hybrid = (site: LayoutSite) => byName(site, "Field Tablet");
/** A disabled add button says why right beside it, and (from the sm breakpoint) keeps to the right edge of the page. */
const expectAddDisabledInPlace = async (page: Page, width: number, plural: "secrets" | "keys") => {
  const buttons = page.getByRole("button", { name: /^Add (a new )?(secret|key)$/ });
  await expect(buttons.first()).toBeVisible();
  for (const button of await buttons.all()) {
    await expect(button).toBeDisabled();
    await expect(button).toHaveAccessibleDescription(`10 of 10 ${plural}: delete one first.`);
  }
  // Each button has its own reason beside it.
  await expect(page.getByText(`10 of 10 ${plural}: delete one first.`)).toHaveCount(await buttons.count());
  if (width < 640) return;
  const main = (await page.locator("main").boundingBox())!;
  const header = (await buttons.first().boundingBox())!;
  // main's padding is 16 px.
  expect(Math.abs(header.x + header.width - (main.x + main.width - 16))).toBeLessThan(2);
};
/** Emails in a Created column wrap before their @ if they must, never inside the name or the domain. */
const expectEmailsUnbroken = async (page: Page, width: number) => {
  if (width < 640) return; // a phone's card may break one that is too long for it
  const parts = page.locator('td[data-label="Created"] span, td[data-label="Added"] span');
  await expect(parts.first()).toBeVisible();
  const lines = await parts.evaluateAll((spans) => spans.map((span) => `${span.textContent}: ${span.getClientRects().length}`));
  expect(lines.filter((line) => !line.endsWith(": 1"))).toEqual([]);
};
const continueToStep3 = async (page: Page) => {
  await page.getByLabel("Name", { exact: true }).fill("Layout check");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("button", { name: "Add", exact: true })).toBeVisible();
};

const PAGES: LayoutPage[] = [
  { name: "sign-in", path: () => "/signin", signedOut: true },
  { name: "sign-in refused", path: () => "/signin/refused?reason=not-a-member", signedOut: true },
  { name: "clients list", path: (s) => t(s, "/clients"), check: expectEmailsUnbroken },
  { name: "clients list, just created", path: (s) => t(s, `/clients?created=${sensor(s)}`) },
  { name: "add client: client-credentials", path: (s) => t(s, "/clients/new") },
  { name: "add client: client-credentials, first secret", path: (s) => t(s, "/clients/new"), open: continueToStep3 },
  { name: "add client: authorization code", path: (s) => t(s, "/clients/new?type=authorization-code") },
  { name: "add client: hybrid", path: (s) => t(s, "/clients/new?type=hybrid") },
  { name: "client details", path: (s) => client(s, sensor(s)) },
  { name: "client details, hybrid", path: (s) => client(s, hybrid(s)) },
  { name: "client secrets", path: (s) => client(s, sensor(s), "/secrets") },
  {
    name: "client secrets, at the limit",
    path: (s) => client(s, s.fullSecrets, "/secrets"),
    check: async (page, width) => {
      // 5 and 20 days left: counted, and red because one is within 7 days.
      await expect(page.getByRole("region", { name: "2 secrets expire soon: rotate them now" })).toHaveClass(/bg-red-50/);
      await expectAddDisabledInPlace(page, width, "secrets");
      await expectEmailsUnbroken(page, width);
    },
  },
  { name: "client keys", path: (s) => client(s, s.signed, "/keys") },
  { name: "client keys, at the limit", path: (s) => client(s, s.fullKeys, "/keys"), check: (page, width) => expectAddDisabledInPlace(page, width, "keys") },
  { name: "client roles", path: (s) => client(s, sensor(s), "/roles") },
  { name: "client connect, just created", path: (s) => client(s, sensor(s), "/connect?created=1") },
  { name: "client connect, signed JWT", path: (s) => client(s, s.signed, "/connect") },
  { name: "client connect, authorization code", path: (s) => client(s, byName(s, "Customer Portal"), "/connect") },
  { name: "client connect, hybrid", path: (s) => client(s, hybrid(s), "/connect") },
  { name: "roles", path: (s) => t(s, "/roles") },
  { name: "users", path: (s) => t(s, "/users") },
  { name: "user roles", path: (s) => t(s, `/users/${s.memberUserId}/roles`) },
  { name: "environments", path: (s) => t(s, "/environments") },
  { name: "settings", path: (s) => t(s, "/settings") },
  { name: "audit log", path: (s) => t(s, "/audit") },
  { name: "not found", path: (s) => t(s, "/clients/no-such-client") },
];

const WIDTHS = [390, 1280];

// One tenant for the whole file: the pages are only looked at, never changed (apart from
// the one-time dialog's new secret on a client no other page shows).
const test = base.extend<object, { site: LayoutSite }>({
  site: [async ({}, use) => use(seedLayoutSite()), { scope: "worker" }],
});

async function expectFits(page: Page) {
  // Retried: fonts and client components settle after the first paint. On failure, the
  // culprits say where to look.
  await expect
    .poll(async () => {
      const found = await page.evaluate(horizontalOverflow);
      return found.overflow === 0 && found.wideTables.length === 0 ? "fits" : JSON.stringify(found, null, 1);
    })
    .toBe("fits");
}

for (const width of WIDTHS) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 844 }, permissions: ["clipboard-read", "clipboard-write"] });

    for (const entry of PAGES) {
      test(entry.name, async ({ page, site }) => {
        if (!entry.signedOut) await signInAs(page.request, site.admin);
        await page.goto(entry.path(site));
        await expect(page.locator("h1")).toBeVisible();
        await entry.open?.(page);
        await expectFits(page);
        await entry.check?.(page, width);
        await expectNoAxeViolations(page);
      });
    }

    test("the one-time secret dialog", async ({ page, site }) => {
      await signInAs(page.request, site.admin);
      await page.goto(client(site, site.roomy, "/secrets"));
      await page.getByRole("button", { name: "Add secret" }).click();
      await page.getByRole("button", { name: "Add", exact: true }).click();
      const dialog = page.getByRole("dialog");
      await expect(dialog).toBeVisible();
      await expectFits(page);
      // Both values and their copy buttons lie inside the dialog, within reach.
      const box = (await dialog.boundingBox())!;
      for (const name of ["Client Id", "Client Secret"]) {
        for (const control of [dialog.getByRole("textbox", { name }), dialog.getByRole("button", { name: `Copy ${name}` })]) {
          const rect = (await control.boundingBox())!;
          expect(rect.x).toBeGreaterThanOrEqual(box.x);
          expect(rect.x + rect.width).toBeLessThanOrEqual(box.x + box.width);
        }
      }
      // The whole value shows: it wraps inside its field instead of being cut off.
      for (const name of ["Client Id", "Client Secret"]) {
        const shownWhole = (el: HTMLElement) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight;
        expect(await dialog.getByRole("textbox", { name }).evaluate(shownWhole)).toBe(true);
      }
      await expectNoAxeViolations(page);
      await dialog.getByRole("button", { name: "Copy Client Secret" }).click();
      await dialog.getByRole("button", { name: "Close" }).click();
      await expect(dialog).toBeHidden();
    });
  });
}
