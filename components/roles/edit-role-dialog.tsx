"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useRef, useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { applyActionErrors, messageLines } from "@/components/forms/apply-action-errors";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { updateRoleAction } from "@/lib/actions/update-role-action";
import { ROLE_NAME_MAX, ZUpdateRole, type TUpdateRole } from "@/lib/validation/role";

/** Rename or re-describe a custom role in a modal <dialog> (focus stays inside, Escape cancels). */
export function EditRoleDialog({
  tenantSlug,
  role,
  onClose,
}: {
  tenantSlug: string;
  role: { id: string; name: string; description: string };
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const toast = useToast();
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, setError, formState } = useForm<TUpdateRole>({
    resolver: zodResolver(ZUpdateRole),
    defaultValues: { roleId: role.id, name: role.name, description: role.description },
  });
  const errors = formState.errors;

  useEffect(() => {
    if (ref.current && !ref.current.open) ref.current.showModal();
  }, []);

  const submit = handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result = await updateRoleAction(tenantSlug, values);
      if (result.ok) {
        toast("success", result.data.name === role.name ? `Role “${role.name}” updated` : `Role “${role.name}” renamed to “${result.data.name}”`);
        onClose();
        return;
      }
      if (!applyActionErrors(setError, result).length) setFormError(result.message);
    });
  });

  return (
    <dialog
      ref={ref}
      aria-labelledby="edit-role-title"
      onCancel={(event) => {
        event.preventDefault();
        if (!pending) onClose();
      }}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg bg-white p-0 shadow-xl"
    >
      <form onSubmit={submit} noValidate className="space-y-4 p-6">
        <h2 id="edit-role-title" className="text-lg font-semibold">
          Edit role “{role.name}”
        </h2>
        <p className="text-sm text-slate-600">Clients get the new name in their next token; holders keep the role.</p>
        {formError && <Banner tone="error">{formError}</Banner>}
        <Field id="edit-role-name" label="Name" errors={messageLines(errors.name?.message)}>
          <input
            id="edit-role-name"
            className={inputClass}
            autoComplete="off"
            maxLength={ROLE_NAME_MAX + 10}
            aria-invalid={!!errors.name}
            autoFocus
            {...register("name")}
          />
        </Field>
        <Field id="edit-role-description" label="Description (optional)" errors={messageLines(errors.description?.message)}>
          <input id="edit-role-description" className={inputClass} autoComplete="off" aria-invalid={!!errors.description} {...register("description")} />
        </Field>
        <div className="flex justify-end gap-3">
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending} aria-busy={pending}>
            {pending ? "Saving…" : "Save"}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
