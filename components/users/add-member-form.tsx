"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";
import { applyActionErrors, messageLines } from "@/components/forms/apply-action-errors";
import { RoleChecklist } from "@/components/roles/role-checklist";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { addTenantUserAction } from "@/lib/actions/add-tenant-user-action";
import type { RoleOption } from "@/lib/roles/list-tenant-roles";
import { ZAddTenantUser, type TAddTenantUser } from "@/lib/validation/user";

/** Adds a person by email; someone who already uses Latchkey in another tenant keeps their account. */
export function AddMemberForm({ tenantSlug, roles }: { tenantSlug: string; roles: RoleOption[] }) {
  const toast = useToast();
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const { register, control, handleSubmit, setError, reset, formState } = useForm<TAddTenantUser, unknown, z.output<typeof ZAddTenantUser>>({
    resolver: zodResolver(ZAddTenantUser),
    defaultValues: { email: "", name: "", roleIds: [] },
  });
  const errors = formState.errors;

  const submit = handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result = await addTenantUserAction(tenantSlug, values);
      if (result.ok) {
        reset();
        toast("success", `${result.data.email} added with ${result.data.roles.join(", ")}. They can sign in now.`);
        return;
      }
      if (!applyActionErrors(setError, result).length) setFormError(result.message);
    });
  });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="add-member" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <div>
        <h2 id="add-member" className="text-base font-semibold">
          Add a member
        </h2>
        <p className="text-sm text-slate-600">
          They sign in with this email address through your identity provider. People who already use Latchkey for another tenant keep their account.
        </p>
      </div>
      {formError && <Banner tone="error">{formError}</Banner>}
      <div className="grid gap-4 md:grid-cols-2">
        <Field id="member-email" label="Email" errors={messageLines(errors.email?.message)}>
          <input id="member-email" type="email" className={inputClass} autoComplete="off" aria-invalid={!!errors.email} {...register("email")} />
        </Field>
        <Field
          id="member-name"
          label="Name (optional)"
          hint="Replaced by the name from the identity provider at sign-in."
          errors={messageLines(errors.name?.message)}
        >
          <input
            id="member-name"
            className={inputClass}
            autoComplete="off"
            aria-invalid={!!errors.name}
            aria-describedby="member-name-hint"
            {...register("name")}
          />
        </Field>
      </div>
      <Controller
        control={control}
        name="roleIds"
        render={({ field }) => (
          <RoleChecklist
            roles={roles}
            value={field.value ?? []}
            onChange={field.onChange}
            legend="Initial roles"
            lockedReason="Every member has this role."
            disabled={pending}
          />
        )}
      />
      {errors.roleIds?.message && (
        <p role="alert" className="text-sm text-red-700">
          {errors.roleIds.message}
        </p>
      )}
      <div className="flex justify-end">
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? "Adding…" : "Add member"}
        </Button>
      </div>
    </form>
  );
}
