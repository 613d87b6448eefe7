import { describe, expect, it } from "vitest";
import { formatDateTime, formatRelative, isRecentlyUsed, secretStatus, secretsDueForRotation, statusLabel } from "./secret-status";

const NOW = Date.parse("2025-06-01T12:00:00.000Z");
const inDays = (days: number) => new Date(NOW + days * 86_400_000);

describe("secretStatus", () => {
  it("is active without an expiry or with 30 days or more left", () => {
    expect(secretStatus(null, NOW)).toEqual({ kind: "active" });
    expect(secretStatus(inDays(30), NOW)).toEqual({ kind: "active" });
    expect(statusLabel(secretStatus(inDays(365), NOW))).toBe("Active");
  });

  it("is expiring under 30 days, counting a started day as a whole one", () => {
    expect(secretStatus(inDays(29.9), NOW)).toEqual({ kind: "expiring", daysLeft: 30 });
    expect(statusLabel(secretStatus(inDays(10), NOW))).toBe("Expires in 10 days");
    expect(statusLabel(secretStatus(inDays(0.2), NOW))).toBe("Expires in 1 day");
  });

  it("is expired from the expiry instant on", () => {
    expect(secretStatus(new Date(NOW), NOW)).toEqual({ kind: "expired" });
    expect(statusLabel(secretStatus(inDays(-3), NOW))).toBe("Expired");
  });
});

describe("secretsDueForRotation", () => {
  it("keeps expiring and expired secrets, soonest first", () => {
    const secrets = [
      { id: "never", expiresAt: null },
      { id: "later", expiresAt: inDays(200) },
      { id: "soon", expiresAt: inDays(10) },
      { id: "gone", expiresAt: inDays(-1) },
    ];
    expect(secretsDueForRotation(secrets, NOW).map((s) => s.id)).toEqual(["gone", "soon"]);
  });
});

describe("formatting", () => {
  it("gives relative times in words", () => {
    expect(formatRelative(new Date(NOW - 3 * 60_000), NOW)).toBe("3 minutes ago");
    expect(formatRelative(inDays(10), NOW)).toBe("in 10 days");
    expect(formatRelative(new Date(NOW - 5_000), NOW)).toBe("just now");
    expect(formatRelative(inDays(-1), NOW)).toBe("yesterday");
  });

  it("gives absolute times in UTC", () => {
    expect(formatDateTime(new Date("2025-05-01T14:03:59.000Z"))).toBe("2025-05-01 14:03 UTC");
  });

  it("calls a use within the last day recent", () => {
    expect(isRecentlyUsed(null, NOW)).toBe(false);
    expect(isRecentlyUsed(new Date(NOW - 3 * 60_000), NOW)).toBe(true);
    expect(isRecentlyUsed(inDays(-2), NOW)).toBe(false);
  });
});
