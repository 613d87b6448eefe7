// The tenant the layout spec walks through: the clients-list journey's twelve clients plus
// what seed-layout.ts adds (clients at their secret and key limits, a signed-JWT client).
import { runScript } from "./cli";
import { seedClientsList, type ListedClient } from "./clients-list";
import { seedTenant, type TestTenant } from "./fixtures";

export type LayoutSite = TestTenant & {
  clients: ListedClient[];
  /** Client Ids: 10 secrets, a signed-JWT client, 10 keys, one with room for another secret. */
  fullSecrets: string;
  signed: string;
  fullKeys: string;
  roomy: string;
  memberUserId: string;
};

export function seedLayoutSite(): LayoutSite {
  const tenant = seedTenant();
  const clients = seedClientsList(tenant.slug);
  const extra = JSON.parse(runScript("e2e/support/seed-layout.ts", [tenant.slug, tenant.admin, tenant.member])) as Omit<
    LayoutSite,
    keyof TestTenant | "clients"
  >;
  return { ...tenant, clients, ...extra };
}

/**
 * What is wider than it may be: how far the page is wider than the window (0 when nothing
 * overflows), the outermost elements sticking out of it, and the tables wider than their
 * scroll box (a table must fit: stacked into cards on a phone, its columns fitting on a laptop).
 */
export function horizontalOverflow(): { overflow: number; culprits: string[]; wideTables: string[] } {
  const limit = window.innerWidth;
  const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${[...el.classList].slice(0, 4).join(".")}`;
  const sticksOut = (el: Element) => el.getBoundingClientRect().right > limit + 0.5;
  // Inside a box that clips or scrolls, an element cannot widen the page, unless it is
  // positioned absolutely and that box is not (or does not contain) its containing block:
  // then it escapes, as visually hidden text (sr-only) in an unpositioned scroll box does.
  const clipped = (el: Element) => {
    let escaping = ["absolute", "fixed"].includes(getComputedStyle(el).position);
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (escaping && style.position === "static") continue;
      escaping = false;
      if (style.overflowX !== "visible") return true;
    }
    return false;
  };
  const found = new Set([...document.querySelectorAll("body *")].filter((el) => sticksOut(el) && !clipped(el)));
  // Only the outermost: what is inside them overflows with them.
  const culprits = [...found]
    .filter((el) => !(el.parentElement && found.has(el.parentElement)))
    .slice(0, 5)
    .map((el) => `${describe(el)} "${(el.textContent ?? "").trim().slice(0, 40)}" (${Math.round(el.getBoundingClientRect().right)} px)`);
  const wideTables = [...document.querySelectorAll("table")]
    .map((table) => ({ table, box: table.parentElement! }))
    .filter(({ box }) => box.scrollWidth > box.clientWidth)
    .map(({ table, box }) => `${describe(table)}: ${box.scrollWidth} px in ${box.clientWidth} px`);
  return { overflow: Math.max(0, document.documentElement.scrollWidth - limit), culprits, wideTables };
}
