"use client";

import { useId, useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import { messageLines } from "@/components/forms/apply-action-errors";
import { Field, inputClass } from "@/components/ui/field";
import { defaultSecretExpiry, latestSecretExpiry, secretExpiryIn } from "@/lib/validation/secret";
import type { TTenantSettingsParsed } from "@/lib/validation/tenant-settings";

type WithSecret = { secret?: { description?: string; expires: string } };

/** The tenant's secret policy (lib/tenants/get-tenant-settings.ts); the domain enforces it again. */
export type SecretPolicy = Pick<TTenantSettingsParsed, "maxSecretLifetimeDays" | "allowNeverExpiringSecrets">;

const PRESETS = [
  { id: "30-days", label: "30 days", span: { days: 30 } },
  { id: "90-days", label: "90 days", span: { days: 90 } },
  { id: "180-days", label: "180 days", span: { days: 180 } },
  { id: "1-year", label: "1 year", span: { years: 1 } },
  { id: "2-years", label: "2 years", span: { years: 2 } },
] as const;
type Choice = (typeof PRESETS)[number]["id"] | "custom" | "never";

/**
 * Description and expiry of a new secret, for any form that has a `secret` object. The
 * expiry is a preset (30 days to 2 years; 1 year by default), a date typed as YYYY-MM-DD
 * (one format for everyone: a browser's date picker follows its locale), or "never". With
 * a `policy`, presets beyond the tenant's maximum lifetime are disabled with the reason and
 * "never" is offered only when allowed. The form's value stays "YYYY-MM-DD" or "never".
 */
export function SecretFields<T extends WithSecret>({ form, policy }: { form: UseFormReturn<T>; policy?: SecretPolicy }) {
  // react-hook-form's generics cannot follow a nested path through T; the fields are fixed.
  const f = form as unknown as UseFormReturn<WithSecret>;
  const id = useId();
  const errors = f.formState.errors.secret;
  const maxDays = policy?.maxSecretLifetimeDays ?? null;
  const neverAllowed = !policy || (policy.allowNeverExpiringSecrets && maxDays === null);
  // Today's dates, fixed for the life of the form (a form left open past midnight keeps its offer).
  const [dates] = useState(() => {
    const today = new Date();
    return {
      latest: latestSecretExpiry(maxDays, today),
      presets: Object.fromEntries(PRESETS.map((preset) => [preset.id, secretExpiryIn(preset.span, today)])) as Record<(typeof PRESETS)[number]["id"], string>,
      fallback: defaultSecretExpiry(today, maxDays),
    };
  });
  const expires = f.watch("secret.expires");
  const [choice, setChoice] = useState<Choice>(() => {
    if (expires === "never") return "never";
    return PRESETS.find((preset) => dates.presets[preset.id] === expires)?.id ?? "custom";
  });
  // The date to come back to after choosing "never".
  const [lastDate, setLastDate] = useState(() => (expires && expires !== "never" ? expires : dates.fallback));
  const tooLong = (date: string) => dates.latest !== null && date > dates.latest;
  const disabledPresets = PRESETS.filter((preset) => tooLong(dates.presets[preset.id]));
  const reasonId = `${id}-presets-reason`;
  const date = f.register("secret.expires", {
    onChange: (event: { target: { value: string } }) => {
      setChoice("custom");
      setLastDate(event.target.value);
    },
  });

  function choose(next: Choice) {
    setChoice(next);
    if (next === "never") return f.setValue("secret.expires", "never", { shouldValidate: true, shouldDirty: true });
    const value = next === "custom" ? lastDate : dates.presets[next];
    if (next !== "custom") setLastDate(value);
    f.setValue("secret.expires", value, { shouldValidate: true, shouldDirty: true });
    if (next === "custom") requestAnimationFrame(() => f.setFocus("secret.expires", { shouldSelect: true }));
  }

  const options: { id: Choice; label: string; disabled: boolean }[] = [
    ...PRESETS.map((preset) => ({ id: preset.id, label: preset.label, disabled: tooLong(dates.presets[preset.id]) && choice !== preset.id })),
    { id: "custom", label: "Custom date", disabled: false },
    ...(neverAllowed || choice === "never" ? [{ id: "never" as const, label: "Never expires", disabled: false }] : []),
  ];
  const typed = expires && expires !== "never" ? expires : "";

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
      <fieldset className="space-y-3" aria-describedby={disabledPresets.length ? reasonId : undefined}>
        <legend className="text-sm font-medium text-slate-800">Expires</legend>
        <div className="flex flex-wrap gap-2">
          {options.map((option) => (
            <label
              key={option.id}
              className={`relative flex items-center gap-2 rounded-md border px-3 py-1.5 text-sm has-checked:border-blue-700 has-checked:bg-blue-50 has-checked:font-medium has-checked:text-blue-900 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-blue-700 ${
                option.disabled ? "cursor-not-allowed border-slate-200 text-slate-500" : "cursor-pointer border-slate-300 bg-white hover:border-slate-400"
              }`}
            >
              <input
                type="radio"
                name={`${id}-expiry`}
                value={option.id}
                checked={choice === option.id}
                disabled={option.disabled}
                aria-describedby={option.disabled ? reasonId : undefined}
                onChange={() => choose(option.id)}
                className="size-4"
              />
              {option.label}
            </label>
          ))}
        </div>
        {disabledPresets.length > 0 && (
          <p id={reasonId} className="text-xs text-slate-600">
            {disabledPresets.map((preset) => preset.label).join(", ")}: longer than this tenant’s maximum secret lifetime of {maxDays} days.
          </p>
        )}
        <div hidden={choice === "never"}>
          <Field
            id="secret-expires"
            label="Expires on (YYYY-MM-DD)"
            hint={
              <>
                The secret stops working at 00:00 UTC on this date. Expiry can never be extended: rotate by adding a new secret.
                {dates.latest !== null && ` This tenant's policy allows secrets of at most ${maxDays} days (until ${dates.latest}).`}
                {maxDays === null && !neverAllowed && " This tenant's policy requires every secret to expire."}
              </>
            }
            errors={messageLines(errors?.expires?.message)}
          >
            <input
              id="secret-expires"
              type="text"
              autoComplete="off"
              spellCheck={false}
              placeholder="YYYY-MM-DD"
              pattern="\d{4}-\d{2}-\d{2}"
              maxLength={10}
              aria-describedby={`secret-expires-hint${errors?.expires ? " secret-expires-error" : ""}${tooLong(typed) ? ` ${id}-too-long` : ""}`}
              aria-invalid={!!errors?.expires || tooLong(typed)}
              className={`${inputClass} max-w-40 font-mono`}
              {...date}
            />
          </Field>
          {!errors?.expires && tooLong(typed) && (
            <p id={`${id}-too-long`} className="mt-1 text-sm text-red-700">
              This tenant&apos;s policy allows secrets of at most {maxDays} days: choose {dates.latest} or earlier.
            </p>
          )}
        </div>
        {choice === "never" && (
          <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            <strong>Caution:</strong> as a security best practice, always create client secrets that expire. A secret that never expires stays valid until
            someone deletes it.
          </p>
        )}
      </fieldset>
    </>
  );
}
