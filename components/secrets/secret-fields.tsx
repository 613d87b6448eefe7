"use client";

import { useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import { messageLines } from "@/components/forms/apply-action-errors";
import { Field, inputClass } from "@/components/ui/field";
import { defaultSecretExpiry, isoDate } from "@/lib/validation/secret";
import type { TTenantSettingsParsed } from "@/lib/validation/tenant-settings";

type WithSecret = { secret?: { description?: string; expires: string } };

/** The tenant's secret policy (lib/tenants/get-tenant-settings.ts); the domain enforces it again. */
export type SecretPolicy = Pick<TTenantSettingsParsed, "maxSecretLifetimeDays" | "allowNeverExpiringSecrets">;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Description and expiry of a new secret, for any form that has a `secret` object. With a
 * `policy`, the date picker stops at the tenant's maximum lifetime and "Never expires" is
 * offered only when the tenant allows it; without one, any future date and "never" are offered.
 */
export function SecretFields<T extends WithSecret>({ form, policy }: { form: UseFormReturn<T>; policy?: SecretPolicy }) {
  // react-hook-form's generics cannot follow a nested path through T; the fields are fixed.
  const f = form as unknown as UseFormReturn<WithSecret>;
  const errors = f.formState.errors.secret;
  const [lastDate, setLastDate] = useState(() => {
    const current = f.getValues("secret.expires");
    return current && current !== "never" ? current : defaultSecretExpiry(new Date(), policy?.maxSecretLifetimeDays ?? null);
  });
  const never = f.watch("secret.expires") === "never";
  const tomorrow = isoDate(new Date(Date.now() + DAY_MS));
  const maxDays = policy?.maxSecretLifetimeDays ?? null;
  const latest = maxDays === null ? undefined : isoDate(new Date(Date.now() + maxDays * DAY_MS));
  const neverAllowed = !policy || (policy.allowNeverExpiringSecrets && maxDays === null);

  return (
    <>
      <Field
        id="secret-description"
        label="Secret description"
        hint="Where and by what the secret will be used, e.g. “Historian on plant-srv-04”."
        errors={messageLines(errors?.description?.message)}
      >
        <input id="secret-description" className={inputClass} autoComplete="off" {...f.register("secret.description")} />
      </Field>
      <Field
        id="secret-expires"
        label="Expires on"
        hint={
          <>
            The secret stops working at 00:00 UTC on this date. Expiry can never be extended: rotate by adding a new secret.
            {maxDays !== null && ` This tenant's policy allows secrets of at most ${maxDays} days (until ${latest}).`}
            {maxDays === null && !neverAllowed && " This tenant's policy requires every secret to expire."}
          </>
        }
        errors={messageLines(errors?.expires?.message)}
      >
        <input
          id="secret-expires"
          type="date"
          min={tomorrow}
          max={latest}
          disabled={never}
          aria-describedby="secret-expires-hint"
          className={`${inputClass} max-w-48`}
          aria-invalid={!!errors?.expires}
          value={never ? "" : f.watch("secret.expires")}
          onChange={(event) => {
            setLastDate(event.target.value);
            f.setValue("secret.expires", event.target.value, { shouldValidate: true });
          }}
        />
      </Field>
      <div className="space-y-2" hidden={!neverAllowed && !never}>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={never}
            onChange={(event) => f.setValue("secret.expires", event.target.checked ? "never" : lastDate, { shouldValidate: true })}
          />
          Never expires
        </label>
        {never && (
          <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            <strong>Caution:</strong> as a security best practice, always create client secrets that expire. A secret that never expires stays valid until
            someone deletes it.
          </p>
        )}
      </div>
    </>
  );
}
