import { describe, expect, it } from "vitest";
import { utcMillis } from "./read-rows";

describe("utcMillis", () => {
  it("reads both databases' text for a timestamp as the same instant", () => {
    const instant = Date.UTC(2027, 11, 3, 11, 41, 13, 605);
    expect(utcMillis("2027-12-03T11:41:13.605+00:00")).toBe(instant); // SQLite, as Prisma writes it
    expect(utcMillis("2027-12-03 11:41:13.605")).toBe(instant); // PostgreSQL's timestamp(3), UTC
    expect(utcMillis("2027-12-03T13:41:13.605+02:00")).toBe(instant);
    expect(utcMillis(String(instant))).toBe(instant);
    expect(utcMillis(null)).toBeNull();
  });

  it("fails closed on what it cannot read: long past, so a secret with that expiry is refused", () => {
    expect(utcMillis("not a date")).toBe(0);
  });
});
