"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { applyActionErrors, messageLines } from "@/components/forms/apply-action-errors";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { updateTenantSettingsAction } from "@/lib/actions/update-tenant-settings-action";
import { CLIENT_NAME_POLICIES, ZTenantSettings, type TTenantSettings, type TTenantSettingsParsed } from "@/lib/validation/tenant-settings";

/** The number field holds text: "" is "no maximum", and the shared schema coerces the rest. */
function toFormValues(settings: TTenantSettingsParsed): TTenantSettings {
  return {
    maxSecretLifetimeDays: settings.maxSecretLifetimeDays === null ? "" : String(settings.maxSecretLifetimeDays),
    allowNeverExpiringSecrets: settings.allowNeverExpiringSecrets,
    clientNamePolicy: settings.clientNamePolicy ?? "",
  };
}

/** The tenant's secret and client-name policy; read-only for members without Account Administrator. */
export function TenantSettingsForm({ tenantSlug, settings, readOnly }: { tenantSlug: string; settings: TTenantSettingsParsed; readOnly: boolean }) {
  const toast = useToast();
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<TTenantSettings, unknown, TTenantSettingsParsed>({
    resolver: zodResolver(ZTenantSettings),
    mode: "onTouched",
    defaultValues: toFormValues(settings),
  });
  const { register, handleSubmit, setError, setValue, watch, reset, formState } = form;
  const errors = formState.errors;
  const maxDays = String(watch("maxSecretLifetimeDays") ?? "").trim();
  const hasMaximum = maxDays !== "";

  const submit = handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result = await updateTenantSettingsAction(tenantSlug, values);
      if (result.ok) {
        reset(toFormValues(result.data.settings));
        toast("success", result.data.changed ? "Settings saved" : "Nothing to save: the settings were already like this");
        return;
      }
      applyActionErrors(setError, result);
      setFormError(result.message);
    });
  });

  return (
    <form onSubmit={submit} noValidate className="space-y-6">
      {formError && <Banner tone="error">{formError}</Banner>}
      <fieldset disabled={readOnly} className="space-y-8">
        <section aria-labelledby="secret-policy" className="space-y-5 rounded-lg border border-slate-200 bg-white p-6">
          <h2 id="secret-policy" className="text-lg font-semibold">
            Secret policy
          </h2>
          <Field
            id="maxSecretLifetimeDays"
            label="Maximum secret lifetime (days)"
            hint="Leave empty for no maximum, or 1 to 3650 days. New secrets must expire within this many days of their creation."
            errors={messageLines(errors.maxSecretLifetimeDays?.message)}
          >
            <input
              id="maxSecretLifetimeDays"
              type="number"
              inputMode="numeric"
              min={1}
              max={3650}
              placeholder="No maximum"
              className={`${inputClass} max-w-40`}
              aria-invalid={!!errors.maxSecretLifetimeDays}
              aria-describedby="maxSecretLifetimeDays-hint"
              {...register("maxSecretLifetimeDays")}
            />
          </Field>
          <div className="space-y-2">
            <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
              <input
                type="checkbox"
                checked={!hasMaximum && !!watch("allowNeverExpiringSecrets")}
                disabled={readOnly || hasMaximum}
                aria-describedby="never-expiring-hint"
                onChange={(event) => setValue("allowNeverExpiringSecrets", event.target.checked, { shouldDirty: true })}
              />
              Allow secrets that never expire
            </label>
            <p id="never-expiring-hint" className="text-xs text-slate-600">
              {hasMaximum
                ? "Not possible while a maximum lifetime is set: every new secret must expire within the maximum."
                : "When off, every new secret needs an expiry date. As a best practice, secrets should expire and be rotated."}
            </p>
          </div>
        </section>

        <section aria-labelledby="name-policy" className="space-y-4 rounded-lg border border-slate-200 bg-white p-6">
          <h2 id="name-policy" className="text-lg font-semibold">
            Client-name policy
          </h2>
          <fieldset className="space-y-2" aria-describedby="name-policy-hint">
            <legend className="sr-only">Rule for client names</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" value="" {...register("clientNamePolicy")} />
              None: any name of up to 100 characters
            </label>
            {Object.entries(CLIENT_NAME_POLICIES).map(([key, policy]) => (
              <label key={key} className="flex items-center gap-2 text-sm">
                <input type="radio" value={key} {...register("clientNamePolicy")} />
                {policy.label}
              </label>
            ))}
          </fieldset>
          <p id="name-policy-hint" className="text-xs text-slate-600">
            Checked when a client is created or renamed.
          </p>
          {errors.clientNamePolicy?.message && <p className="text-sm text-red-700">{errors.clientNamePolicy.message}</p>}
        </section>
      </fieldset>

      <p className="rounded-md border border-blue-200 bg-blue-50 px-4 py-3 text-sm text-blue-900">
        These policies apply to secrets added and to clients created or renamed from now on, in the portal and the command-line tool alike. Existing secrets and
        client names are not changed.
      </p>
      {!readOnly && (
        <div className="flex justify-end">
          <Button type="submit" disabled={pending} aria-busy={pending}>
            {pending ? "Saving…" : "Save settings"}
          </Button>
        </div>
      )}
    </form>
  );
}
