// How a secret's dates read in the portal. Pure and deterministic (the caller passes
// `now`), so a server-rendered table and the browser agree and there is no hydration
// mismatch; times are shown in UTC because expiry happens at 00:00 UTC.

import { DAY_MS, isoDate } from "@/lib/validation/secret";

// The one place the expiry thresholds live: the clients list, the Secrets tab and its
// rotation notice all read them from here (seeds 000/001: rotate within 30 days).
/** From this many days before expiry, a secret is due for rotation: amber. */
export const EXPIRY_WARNING_DAYS = 30;
/** From this many days before expiry (and once expired), it is urgent: red. */
export const EXPIRY_URGENT_DAYS = 7;

/** "Last used" this recently means an application probably still uses the secret. */
export const RECENT_USE_MS = DAY_MS;

/**
 * daysLeft counts a started day as a whole one, as people read "expires in 3 days"; the
 * thresholds apply to that number, so "in 30 days" is the first amber and "in 7 days" the first red.
 */
export type SecretStatus = { kind: "active" } | { kind: "expiring"; daysLeft: number; urgent: boolean } | { kind: "expired" };

/** How loudly a status warns: nothing, amber, or red. */
export type ExpiryLevel = "none" | "warning" | "urgent";

export function secretStatus(expiresAt: Date | null, now: number): SecretStatus {
  if (!expiresAt) return { kind: "active" };
  const left = expiresAt.getTime() - now;
  if (left <= 0) return { kind: "expired" };
  const daysLeft = Math.ceil(left / DAY_MS);
  if (daysLeft > EXPIRY_WARNING_DAYS) return { kind: "active" };
  return { kind: "expiring", daysLeft, urgent: daysLeft <= EXPIRY_URGENT_DAYS };
}

export function expiryLevel(status: SecretStatus): ExpiryLevel {
  if (status.kind === "expired") return "urgent";
  if (status.kind === "expiring") return status.urgent ? "urgent" : "warning";
  return "none";
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

/** "1 secret has expired", "2 secrets expire soon", "1 secret has expired, 2 expire soon"; null when none is due. */
export function dueSummary(secrets: { expiresAt: Date | null }[], now: number): string | null {
  const kinds = secrets.map((secret) => secretStatus(secret.expiresAt, now).kind);
  const expired = kinds.filter((kind) => kind === "expired").length;
  const expiring = kinds.filter((kind) => kind === "expiring").length;
  const parts = [
    expired > 0 && (expired === 1 ? "1 secret has expired" : `${expired} secrets have expired`),
    expiring > 0 && `${expiring}${expired > 0 ? "" : expiring === 1 ? " secret" : " secrets"} ${expiring === 1 ? "expires" : "expire"} soon`,
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : null;
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
