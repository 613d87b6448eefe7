import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  defaultSecretExpiry,
  isoDate,
  latestSecretExpiry,
  MAX_SECRETS_PER_CLIENT,
  secretExpiryIn,
  secretExpiryInstant,
  ZSecretExpiry,
  ZSecretInput,
} from "./secret";

function accepts(value: string): boolean {
  return ZSecretExpiry.safeParse(value).success;
}

describe("secret expiry, at a fixed moment", () => {
  // Afternoon UTC, so "today" and "tomorrow" are unambiguous for the 00:00 UTC rule.
  const NOW = new Date("2026-11-22T15:30:00.000Z");

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("refuses past dates and today, accepts tomorrow", () => {
    expect(accepts("2020-01-01")).toBe(false);
    expect(accepts("2026-11-21")).toBe(false);
    expect(accepts("2026-11-22")).toBe(false);
    expect(accepts("2026-11-23")).toBe(true);
    expect(ZSecretExpiry.safeParse("2026-11-22").error?.issues[0]?.message).toBe("Expiry must be a date after today");
  });

  it("refuses today even one millisecond after midnight UTC, and tomorrow only once it has begun", () => {
    vi.setSystemTime(new Date("2026-11-22T00:00:00.001Z"));
    expect(accepts("2026-11-22")).toBe(false);
    expect(accepts("2026-11-23")).toBe(true);
    vi.setSystemTime(new Date("2026-11-22T23:59:59.999Z"));
    expect(accepts("2026-11-23")).toBe(true);
    vi.setSystemTime(new Date("2026-11-23T00:00:00.000Z"));
    expect(accepts("2026-11-23")).toBe(false);
  });

  it("accepts 'never'", () => {
    expect(ZSecretExpiry.parse("never")).toBe("never");
    expect(ZSecretInput.parse({ expires: "never" })).toEqual({ description: "", expires: "never" });
  });

  it.each(["2027-02-30", "2027-02-29", "2027-13-01", "2027-00-10", "2027-04-31", "2027-01-32"])("refuses the impossible date %s", (value) => {
    expect(ZSecretExpiry.safeParse(value).error?.issues[0]?.message).toBe("Expiry is not a real date");
  });

  it("accepts 29 February of a leap year", () => {
    expect(accepts("2028-02-29")).toBe(true);
  });

  it.each(["", "Never", "tomorrow", "2027-1-5", "27-01-05", "2027/01/05", "2027-01-05T00:00:00Z", " 2027-01-05"])("refuses the malformed %j", (value) => {
    // One message that says the format; no `Invalid input: expected "never"` from a union branch.
    expect(ZSecretExpiry.safeParse(value).error?.issues.map((issue) => issue.message)).toEqual(["Expiry must be a date (YYYY-MM-DD) or “never”"]);
  });

  it("counts the expiry presets from today, a year being the same date next year", () => {
    expect(secretExpiryIn({ days: 30 })).toBe("2026-12-22");
    expect(secretExpiryIn({ days: 180 })).toBe("2027-05-21");
    expect(secretExpiryIn({ years: 2 })).toBe("2028-11-22");
    expect(secretExpiryIn({ years: 1 }, new Date("2028-02-29T12:00:00Z"))).toBe("2029-03-01");
  });

  it("knows the last date a maximum lifetime allows, the one the domain still accepts", () => {
    expect(latestSecretExpiry(null)).toBeNull();
    expect(latestSecretExpiry(90)).toBe("2027-02-20");
    expect(defaultSecretExpiry(new Date(), 90)).toBe("2027-02-20");
    expect(defaultSecretExpiry(new Date(), 400)).toBe("2027-11-22");
  });

  it("offers one year from today as the default, and that default is accepted", () => {
    expect(defaultSecretExpiry()).toBe("2027-11-22");
    expect(accepts(defaultSecretExpiry())).toBe(true);
    expect(defaultSecretExpiry(new Date("2026-01-31T23:59:00Z"))).toBe("2027-01-31");
  });
});

describe("secret expiry instant", () => {
  it("is 00:00 UTC of the expiry date", () => {
    expect(secretExpiryInstant("2027-01-15").toISOString()).toBe("2027-01-15T00:00:00.000Z");
    expect(secretExpiryInstant("2028-02-29").getTime()).toBe(Date.UTC(2028, 1, 29));
  });

  it("round-trips through isoDate", () => {
    expect(isoDate(secretExpiryInstant("2031-12-31"))).toBe("2031-12-31");
  });
});

describe("with the real clock", () => {
  it("accepts tomorrow and refuses today", () => {
    const today = isoDate(new Date());
    const tomorrow = isoDate(new Date(Date.now() + 86_400_000));
    expect(accepts(today)).toBe(false);
    expect(accepts(tomorrow)).toBe(true);
  });
});

it("allows at most 10 secrets per client", () => {
  expect(MAX_SECRETS_PER_CLIENT).toBe(10);
});
