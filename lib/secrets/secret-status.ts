// How a secret's dates read in the portal. Pure and deterministic (the caller passes
// `now`), so a server-rendered table and the browser agree and there is no hydration
// mismatch; times are shown in UTC because expiry happens at 00:00 UTC.

import { isoDate } from "@/lib/validation/secret";

const DAY_MS = 24 * 60 * 60 * 1000;

/** A secret expiring within this many days is due for rotation (seed 000/001). */
export const ROTATION_WINDOW_DAYS = 30;

/** "Last used" this recently means an application probably still uses the secret. */
export const RECENT_USE_MS = DAY_MS;

export type SecretStatus = { kind: "active" } | { kind: "expiring"; daysLeft: number } | { kind: "expired" };

export function secretStatus(expiresAt: Date | null, now: number): SecretStatus {
  if (!expiresAt) return { kind: "active" };
  const left = expiresAt.getTime() - now;
  if (left <= 0) return { kind: "expired" };
  if (left < ROTATION_WINDOW_DAYS * DAY_MS) return { kind: "expiring", daysLeft: Math.ceil(left / DAY_MS) };
  return { kind: "active" };
}

export function statusLabel(status: SecretStatus): string {
  if (status.kind === "expired") return "Expired";
  if (status.kind === "expiring") return status.daysLeft === 1 ? "Expires in 1 day" : `Expires in ${status.daysLeft} days`;
  return "Active";
}

/** Secrets the rotation notice is about: expiring soon or already expired, soonest first. */
export function secretsDueForRotation<T extends { expiresAt: Date | null }>(secrets: T[], now: number): T[] {
  return secrets.filter((secret) => secretStatus(secret.expiresAt, now).kind !== "active").sort((a, b) => a.expiresAt!.getTime() - b.expiresAt!.getTime());
}

export function isRecentlyUsed(lastUsedAt: Date | null, now: number): boolean {
  return lastUsedAt !== null && now - lastUsedAt.getTime() < RECENT_USE_MS;
}

/**
 * 2025-05-01: how every date in the portal reads, whatever the browser's locale, and the
 * form an expiry date is typed in.
 */
export function formatDate(date: Date): string {
  return isoDate(date);
}

/** 2025-05-01 14:03 UTC */
export function formatDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * DAY_MS],
  ["month", 30 * DAY_MS],
  ["day", DAY_MS],
  ["hour", 60 * 60 * 1000],
  ["minute", 60 * 1000],
];
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "3 minutes ago", "in 10 days", "just now". */
export function formatRelative(date: Date, now: number): string {
  const diff = date.getTime() - now;
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size) return relative.format(Math.trunc(diff / size), unit);
  }
  return "just now";
}
