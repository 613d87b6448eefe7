import { z } from "zod";

export const MAX_SECRETS_PER_CLIENT = 10;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** YYYY-MM-DD of the given instant in UTC. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * The default expiry offered for a new secret: one year from today, or the tenant's
 * maximum secret lifetime when that is shorter.
 */
export function defaultSecretExpiry(today = new Date(), maxLifetimeDays: number | null = null): string {
  const next = new Date(today);
  next.setUTCFullYear(next.getUTCFullYear() + 1);
  if (maxLifetimeDays !== null) {
    const latest = new Date(today.getTime() + maxLifetimeDays * 24 * 60 * 60 * 1000);
    if (latest < next) return isoDate(latest);
  }
  return isoDate(next);
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
