import { describe, expect, it } from "vitest";
import { clientListHref, clientListQueryFromSearchParams, nextSortOrder } from "./client-list";

describe("clients list URL", () => {
  it("reads filters, search and page from search params", () => {
    expect(clientListQueryFromSearchParams({ type: "hybrid", environment: "env-1", q: "  Historian ", page: "3", pageSize: "50" })).toEqual({
      type: "hybrid",
      environment: "env-1",
      q: "Historian",
      page: 3,
      pageSize: 50,
      sort: "created",
      order: "desc",
    });
  });

  it("falls back to defaults for what an edited URL can hold, and ignores repeated keys", () => {
    const defaults = { page: 1, pageSize: 25, sort: "created", order: "desc" };
    expect(clientListQueryFromSearchParams({})).toEqual(defaults);
    expect(clientListQueryFromSearchParams({ type: "bogus", environment: "", q: "   ", page: "-2", pageSize: "7" })).toEqual(defaults);
    expect(clientListQueryFromSearchParams({ page: "1.5", q: "x".repeat(101) })).toEqual(defaults);
    expect(clientListQueryFromSearchParams({ sort: "secretHash", order: "sideways" })).toEqual(defaults);
    expect(clientListQueryFromSearchParams({ type: ["authorization-code", "hybrid"], page: ["2", "9"] })).toMatchObject({
      type: "authorization-code",
      page: 2,
    });
  });

  it("reads the sort, each column starting in its own order", () => {
    const sortOf = (params: Record<string, string>) => {
      const { sort, order } = clientListQueryFromSearchParams(params);
      return `${sort} ${order}`;
    };
    expect(sortOf({ sort: "expiry" })).toBe("expiry asc");
    expect(sortOf({ sort: "expiry", order: "desc" })).toBe("expiry desc");
    expect(sortOf({ sort: "name" })).toBe("name asc");
    expect(sortOf({ sort: "type" })).toBe("type asc");
    expect(sortOf({ sort: "lastUsed" })).toBe("lastUsed desc");
    expect(sortOf({ order: "asc" })).toBe("created asc");
    // An unknown column falls back to the default, and an unknown order to the column's.
    expect(sortOf({ sort: "NAME", order: "asc" })).toBe("created asc");
    expect(sortOf({ sort: "lastUsed", order: "up" })).toBe("lastUsed desc");
  });

  it("turns a column's header into the next order", () => {
    expect(nextSortOrder({ sort: "created", order: "desc" }, "expiry")).toBe("asc");
    expect(nextSortOrder({ sort: "created", order: "desc" }, "lastUsed")).toBe("desc");
    expect(nextSortOrder({ sort: "expiry", order: "asc" }, "expiry")).toBe("desc");
    expect(nextSortOrder({ sort: "expiry", order: "desc" }, "expiry")).toBe("asc");
  });

  it("builds short links that leave out defaults", () => {
    expect(clientListHref("acme", {})).toBe("/t/acme/clients");
    expect(clientListHref("acme", { page: 1, pageSize: 25 })).toBe("/t/acme/clients");
    expect(clientListHref("acme", { type: "hybrid", q: "a&b", page: 2, pageSize: 10 })).toBe("/t/acme/clients?type=hybrid&q=a%26b&pageSize=10&page=2");
    expect(clientListHref("acme", { sort: "created", order: "desc" })).toBe("/t/acme/clients");
    expect(clientListHref("acme", { sort: "created", order: "asc" })).toBe("/t/acme/clients?order=asc");
    expect(clientListHref("acme", { sort: "expiry", order: "asc", type: "hybrid" })).toBe("/t/acme/clients?type=hybrid&sort=expiry");
    expect(clientListHref("acme", { sort: "expiry", order: "desc", page: 3 })).toBe("/t/acme/clients?sort=expiry&order=desc&page=3");
  });
});
