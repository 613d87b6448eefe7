"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { applyActionErrors, messageLines } from "@/components/forms/apply-action-errors";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { createRoleAction } from "@/lib/actions/create-role-action";
import { ROLE_NAME_MAX, ZCreateRole, type TCreateRole } from "@/lib/validation/role";

export function CreateRoleForm({ tenantSlug }: { tenantSlug: string }) {
  const toast = useToast();
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, setError, reset, formState } = useForm<TCreateRole>({
    resolver: zodResolver(ZCreateRole),
    defaultValues: { name: "", description: "" },
  });
  const errors = formState.errors;

  const submit = handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result = await createRoleAction(tenantSlug, values);
      if (result.ok) {
        reset();
        toast("success", `Role “${result.data.name}” created. Assign it on a client’s or user’s Roles page.`);
        return;
      }
      if (!applyActionErrors(setError, result).length) setFormError(result.message);
    });
  });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="create-role" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="create-role" className="text-base font-semibold">
        Create a custom role
      </h2>
      {formError && <Banner tone="error">{formError}</Banner>}
      <div className="grid gap-3 md:grid-cols-[minmax(0,1fr)_minmax(0,2fr)_auto] md:items-start">
        <Field
          id="role-name"
          label="Name"
          hint="Unique in this tenant, ignoring case. Tokens carry it in their roles claim."
          errors={messageLines(errors.name?.message)}
        >
          <input
            id="role-name"
            className={inputClass}
            autoComplete="off"
            maxLength={ROLE_NAME_MAX + 10}
            aria-invalid={!!errors.name}
            aria-describedby="role-name-hint"
            {...register("name")}
          />
        </Field>
        <Field id="role-description" label="Description (optional)" hint="What holders of this role may do." errors={messageLines(errors.description?.message)}>
          <input
            id="role-description"
            className={inputClass}
            autoComplete="off"
            aria-invalid={!!errors.description}
            aria-describedby="role-description-hint"
            {...register("description")}
          />
        </Field>
        <Button type="submit" className="md:mt-6" disabled={pending} aria-busy={pending}>
          {pending ? "Creating…" : "Create role"}
        </Button>
      </div>
    </form>
  );
}
