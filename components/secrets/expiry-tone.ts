import type { ExpiryLevel } from "@/lib/secrets/secret-status";

// The colours of an expiry warning, for every place that shows one (clients list, Secrets
// tab, rotation notice); the thresholds behind the levels are in lib/secrets/secret-status.ts.

/** Text colour of a status: green while fine, amber from 30 days, red from 7 days and once expired. */
export const EXPIRY_TEXT: Record<ExpiryLevel, string> = {
  none: "text-green-800",
  warning: "text-amber-800",
  urgent: "text-red-800",
};

/** A highlighted date or status on a white background. */
export const EXPIRY_BADGE: Record<Exclude<ExpiryLevel, "none">, string> = {
  warning: "bg-amber-50 text-amber-800",
  urgent: "bg-red-50 text-red-800",
};

/** A box of rotation advice. */
export const EXPIRY_BOX: Record<Exclude<ExpiryLevel, "none">, string> = {
  warning: "border-amber-300 bg-amber-50 text-amber-950",
  urgent: "border-red-300 bg-red-50 text-red-950",
};
