import { z } from "zod";

/** Client-name policies a tenant can choose (seed 004); predefined, so no user-supplied regex runs. */
export const CLIENT_NAME_POLICIES = {
  "letters-digits-underscores-min5": {
    label: "At least 5 characters: letters, numbers and underscores only",
    pattern: /^[A-Za-z0-9_]{5,}$/,
    message: "Name must be at least 5 characters of letters, numbers and underscores (tenant policy)",
  },
} as const;
export type TClientNamePolicy = keyof typeof CLIENT_NAME_POLICIES;

/** An empty field (the form sends text) means "none". No unions: their branches' messages would reach the form. */
// Typed, so the inputs' types stay what forms and the CLI send (preprocess would make them unknown).
const emptyIsNull = <T>(value: T | "" | null | undefined) => (typeof value === "string" && value.trim() === "" ? null : value);

export const ZTenantSettings = z.object({
  maxSecretLifetimeDays: z
    .preprocess(
      emptyIsNull<string | number>,
      z.coerce
        .number({ error: "Enter a number of days, or leave the field empty for no maximum" })
        .int("Enter whole days")
        .min(1, "At least 1 day")
        .max(3650, "At most 3650 days (10 years)")
        .nullable(),
    )
    .default(null),
  allowNeverExpiringSecrets: z.boolean({ error: "Choose whether secrets may never expire" }).default(true),
  clientNamePolicy: z
    .preprocess(
      emptyIsNull<TClientNamePolicy>,
      z.enum(Object.keys(CLIENT_NAME_POLICIES) as [TClientNamePolicy], { error: "Choose one of the client-name policies offered" }).nullable(),
    )
    .default(null),
});
export type TTenantSettings = z.input<typeof ZTenantSettings>;
export type TTenantSettingsParsed = z.output<typeof ZTenantSettings>;
