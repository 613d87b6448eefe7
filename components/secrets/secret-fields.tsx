"use client";

import { useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import { Field, inputClass } from "@/components/ui/field";
import { defaultSecretExpiry, isoDate } from "@/lib/validation/secret";

type WithSecret = { secret: { description?: string; expires: string } };

/** Description and expiry of a new secret, for any form that has a `secret` object. */
export function SecretFields<T extends WithSecret>({ form }: { form: UseFormReturn<T> }) {
  // react-hook-form's generics cannot follow a nested path through T; the fields are fixed.
  const f = form as unknown as UseFormReturn<WithSecret>;
  const errors = f.formState.errors.secret;
  const [lastDate, setLastDate] = useState(() => {
    const current = f.getValues("secret.expires");
    return current && current !== "never" ? current : defaultSecretExpiry();
  });
  const never = f.watch("secret.expires") === "never";
  const tomorrow = isoDate(new Date(Date.now() + 24 * 60 * 60 * 1000));

  return (
    <>
      <Field
        id="secret-description"
        label="Secret description"
        hint="Where and by what the secret will be used, e.g. “Historian on plant-srv-04”."
        errors={errors?.description?.message ? [errors.description.message] : undefined}
      >
        <input id="secret-description" className={inputClass} autoComplete="off" {...f.register("secret.description")} />
      </Field>
      <Field
        id="secret-expires"
        label="Expires on"
        hint="The secret stops working at 00:00 UTC on this date. Expiry can never be extended: rotate by adding a new secret."
        errors={errors?.expires?.message ? [errors.expires.message] : undefined}
      >
        <input
          id="secret-expires"
          type="date"
          min={tomorrow}
          disabled={never}
          className={`${inputClass} max-w-48`}
          aria-invalid={!!errors?.expires}
          value={never ? "" : f.watch("secret.expires")}
          onChange={(event) => {
            setLastDate(event.target.value);
            f.setValue("secret.expires", event.target.value, { shouldValidate: true });
          }}
        />
      </Field>
      <div className="space-y-2">
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
            <strong>Caution:</strong> as a security best practice, always create client secrets that expire. A secret that
            never expires stays valid until someone deletes it.
          </p>
        )}
      </div>
    </>
  );
}
