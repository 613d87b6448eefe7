import { describe, expect, it } from "vitest";
import { dueSummary, expiryLevel, formatDateTime, formatRelative, isRecentlyUsed, secretStatus, secretsDueForRotation, statusLabel } from "./secret-status";

const NOW = Date.parse("2025-06-01T12:00:00.000Z");
const inDays = (days: number) => new Date(NOW + days * 86_400_000);

describe("secretStatus", () => {
  it("is active without an expiry or with more than 30 days left", () => {
    expect(secretStatus(null, NOW)).toEqual({ kind: "active" });
    expect(secretStatus(inDays(31), NOW)).toEqual({ kind: "active" });
    expect(secretStatus(inDays(30.01), NOW)).toEqual({ kind: "active" });
    expect(statusLabel(secretStatus(inDays(365), NOW))).toBe("Active");
  });

  it("is expiring from 30 days left, counting a started day as a whole one", () => {
    expect(secretStatus(inDays(30), NOW)).toEqual({ kind: "expiring", daysLeft: 30, urgent: false });
    expect(secretStatus(inDays(29.9), NOW)).toEqual({ kind: "expiring", daysLeft: 30, urgent: false });
    expect(statusLabel(secretStatus(inDays(10), NOW))).toBe("Expires in 10 days");
    expect(statusLabel(secretStatus(inDays(0.2), NOW))).toBe("Expires in 1 day");
  });

  it("is urgent from 7 days left", () => {
    expect(secretStatus(inDays(8), NOW)).toEqual({ kind: "expiring", daysLeft: 8, urgent: false });
    expect(secretStatus(inDays(7.01), NOW)).toEqual({ kind: "expiring", daysLeft: 8, urgent: false });
    expect(secretStatus(inDays(7), NOW)).toEqual({ kind: "expiring", daysLeft: 7, urgent: true });
    expect(secretStatus(inDays(0.01), NOW)).toEqual({ kind: "expiring", daysLeft: 1, urgent: true });
  });

  it("is expired from the expiry instant on", () => {
    expect(secretStatus(inDays(0), NOW)).toEqual({ kind: "expired" });
    expect(statusLabel(secretStatus(inDays(-3), NOW))).toBe("Expired");
  });
});

describe("expiryLevel", () => {
  const level = (days: number | null) => expiryLevel(secretStatus(days === null ? null : inDays(days), NOW));

  it("warns in amber from 30 days and in red from 7 days and once expired", () => {
    expect([null, 365, 31, 30, 8, 7, 1, 0, -1].map(level)).toEqual(["none", "none", "none", "warning", "warning", "urgent", "urgent", "urgent", "urgent"]);
  });
});

describe("dueSummary", () => {
  const secrets = (...days: (number | null)[]) => days.map((d) => ({ expiresAt: d === null ? null : inDays(d) }));

  it("counts what is due, for the notice's heading", () => {
    expect(dueSummary(secrets(null, 90), NOW)).toBeNull();
    expect(dueSummary(secrets(10), NOW)).toBe("1 secret expires soon");
    expect(dueSummary(secrets(10, 3, 200), NOW)).toBe("2 secrets expire soon");
    expect(dueSummary(secrets(-1), NOW)).toBe("1 secret has expired");
    expect(dueSummary(secrets(-1, -5), NOW)).toBe("2 secrets have expired");
    expect(dueSummary(secrets(-1, 5, 20), NOW)).toBe("1 secret has expired, 2 expire soon");
    expect(dueSummary(secrets(-1, -2, 5), NOW)).toBe("2 secrets have expired, 1 expires soon");
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
