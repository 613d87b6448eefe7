"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTransition } from "react";
import { useForm } from "react-hook-form";
import { applyActionErrors, messageLines } from "@/components/forms/apply-action-errors";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { renameEnvironmentAction } from "@/lib/actions/rename-environment-action";
import { ZRenameEnvironment, type TRenameEnvironment } from "@/lib/validation/environment";

/** Inline rename in the environment's row; Escape or Cancel leaves it unchanged. */
export function RenameEnvironmentForm({
  tenantSlug,
  environment,
  onDone,
}: {
  tenantSlug: string;
  environment: { id: string; name: string };
  onDone: () => void;
}) {
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, setError, formState } = useForm<TRenameEnvironment>({
    resolver: zodResolver(ZRenameEnvironment),
    defaultValues: { environmentId: environment.id, name: environment.name },
  });
  const errors = formState.errors;
  const inputId = `rename-${environment.id}`;

  const submit = handleSubmit((values) => {
    startTransition(async () => {
      const result = await renameEnvironmentAction(tenantSlug, values);
      if (result.ok) {
        if (result.data.name !== result.data.previousName) toast("success", `Environment “${result.data.previousName}” renamed to “${result.data.name}”`);
        onDone();
        return;
      }
      if (!applyActionErrors(setError, result).some((field) => field === "name")) setError("name", { type: "server", message: result.message });
    });
  });

  return (
    <form
      onSubmit={submit}
      noValidate
      onKeyDown={(event) => {
        if (event.key === "Escape" && !pending) onDone();
      }}
      className="flex flex-wrap items-start gap-2"
    >
      <input type="hidden" {...register("environmentId")} />
      <div className="w-full min-w-0 sm:w-auto sm:max-w-xs sm:flex-1">
        <Field id={inputId} label={<span className="sr-only">New name for {environment.name}</span>} errors={messageLines(errors.name?.message)}>
          <input id={inputId} className={inputClass} autoComplete="off" autoFocus aria-invalid={!!errors.name} {...register("name")} />
        </Field>
      </div>
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
      <Button variant="secondary" onClick={onDone} disabled={pending}>
        Cancel
      </Button>
    </form>
  );
}
