import { describe, expect, it } from "vitest";
import { clientListHref, clientListQueryFromSearchParams } from "./client-list";

describe("clients list URL", () => {
  it("reads filters, search and page from search params", () => {
    expect(clientListQueryFromSearchParams({ type: "hybrid", environment: "env-1", q: "  Historian ", page: "3", pageSize: "50" })).toEqual({
      type: "hybrid",
      environment: "env-1",
      q: "Historian",
      page: 3,
      pageSize: 50,
    });
  });

  it("falls back to defaults for what an edited URL can hold, and ignores repeated keys", () => {
    expect(clientListQueryFromSearchParams({})).toEqual({ page: 1, pageSize: 25 });
    expect(clientListQueryFromSearchParams({ type: "bogus", environment: "", q: "   ", page: "-2", pageSize: "7" })).toEqual({ page: 1, pageSize: 25 });
    expect(clientListQueryFromSearchParams({ page: "1.5", q: "x".repeat(101) })).toEqual({ page: 1, pageSize: 25 });
    expect(clientListQueryFromSearchParams({ type: ["authorization-code", "hybrid"], page: ["2", "9"] })).toMatchObject({
      type: "authorization-code",
      page: 2,
    });
  });

  it("builds short links that leave out defaults", () => {
    expect(clientListHref("acme", {})).toBe("/t/acme/clients");
    expect(clientListHref("acme", { page: 1, pageSize: 25 })).toBe("/t/acme/clients");
    expect(clientListHref("acme", { type: "hybrid", q: "a&b", page: 2, pageSize: 10 })).toBe("/t/acme/clients?type=hybrid&q=a%26b&pageSize=10&page=2");
  });
});
