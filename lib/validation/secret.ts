import { z } from "zod";

export const MAX_SECRETS_PER_CLIENT = 10;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** YYYY-MM-DD of the given instant in UTC. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/** An expiry some days or years from today (YYYY-MM-DD, UTC); a year is the same date next year. */
export function secretExpiryIn(span: { days: number } | { years: number }, today = new Date()): string {
  const next = new Date(today);
  if ("years" in span) next.setUTCFullYear(next.getUTCFullYear() + span.years);
  else next.setTime(today.getTime() + span.days * DAY_MS);
  return isoDate(next);
}

/**
 * The last expiry date a tenant's maximum secret lifetime allows (null: no maximum). A
 * secret stops working at 00:00 UTC of its date, so this date lies within the maximum.
 */
export function latestSecretExpiry(maxLifetimeDays: number | null, today = new Date()): string | null {
  return maxLifetimeDays === null ? null : secretExpiryIn({ days: maxLifetimeDays }, today);
}

/**
 * The default expiry offered for a new secret: one year from today, or the tenant's
 * maximum secret lifetime when that is shorter.
 */
export function defaultSecretExpiry(today = new Date(), maxLifetimeDays: number | null = null): string {
  const oneYear = secretExpiryIn({ years: 1 }, today);
  const latest = latestSecretExpiry(maxLifetimeDays, today);
  return latest !== null && latest < oneYear ? latest : oneYear;
}

/**
 * A secret stops working at 00:00 UTC on its expiry date, which must lie in the future.
 * There is deliberately no way to change an expiry later (seed 000: never extend a secret).
 */
export function secretExpiryInstant(expires: string): Date {
  return new Date(`${expires}T00:00:00.000Z`);
}

/** Why an expiry is refused, or null: one message, the first that applies. */
function expiryProblem(value: string): string | null {
  if (value === "never") return null;
  if (!DATE.test(value)) return "Expiry must be a date (YYYY-MM-DD) or “never”";
  const instant = secretExpiryInstant(value);
  if (Number.isNaN(instant.getTime()) || isoDate(instant) !== value) return "Expiry is not a real date";
  if (instant.getTime() <= Date.now()) return "Expiry must be a date after today";
  return null;
}

// A plain string with one check rather than a union with "never": a union's branches
// would each add a message, and forms show the first ("Invalid input: expected "never"").
export const ZSecretExpiry = z.string({ error: "Choose an expiry date or “never expires”" }).superRefine((value, ctx) => {
  const problem = expiryProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

export const ZSecretInput = z.object(
  {
    description: z.string({ error: "Enter the description as text" }).trim().max(200, "Description can be at most 200 characters").default(""),
    expires: ZSecretExpiry,
  },
  { error: "Choose when the secret expires" },
);
export type TSecretInput = z.input<typeof ZSecretInput>;
