"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { applyActionErrors, messageLines } from "@/components/forms/apply-action-errors";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { createEnvironmentAction } from "@/lib/actions/create-environment-action";
import { ENVIRONMENT_NAME_MAX, ZCreateEnvironment, type TCreateEnvironment } from "@/lib/validation/environment";

export function AddEnvironmentForm({ tenantSlug }: { tenantSlug: string }) {
  const toast = useToast();
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, setError, reset, formState } = useForm<TCreateEnvironment>({
    resolver: zodResolver(ZCreateEnvironment),
    defaultValues: { name: "" },
  });
  const errors = formState.errors;

  const submit = handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result = await createEnvironmentAction(tenantSlug, values);
      if (result.ok) {
        reset({ name: "" });
        toast("success", `Environment “${result.data.name}” added`);
        return;
      }
      // Field problems show at the field; anything else (e.g. a lost role) in the banner.
      if (!applyActionErrors(setError, result).length) setFormError(result.message);
    });
  });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="add-environment" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="add-environment" className="text-base font-semibold">
        Add an environment
      </h2>
      {formError && <Banner tone="error">{formError}</Banner>}
      <div className="flex flex-wrap items-start gap-3">
        <div className="w-full min-w-0 sm:w-auto sm:max-w-sm sm:flex-1">
          <Field
            id="environment-name"
            label="Name"
            hint={`Up to ${ENVIRONMENT_NAME_MAX} characters, e.g. Staging. Unique in this tenant, ignoring case.`}
            errors={messageLines(errors.name?.message)}
          >
            <input
              id="environment-name"
              className={inputClass}
              autoComplete="off"
              maxLength={ENVIRONMENT_NAME_MAX + 10}
              aria-invalid={!!errors.name}
              aria-describedby="environment-name-hint"
              {...register("name")}
            />
          </Field>
        </div>
        <Button type="submit" className="sm:mt-6" disabled={pending} aria-busy={pending}>
          {pending ? "Adding…" : "Add environment"}
        </Button>
      </div>
    </form>
  );
}
