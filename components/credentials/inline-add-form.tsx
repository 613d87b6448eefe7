"use client";

import { useEffect, useRef, useState, useTransition, type ReactNode } from "react";
import type { FieldPath, FieldValues, UseFormReturn } from "react-hook-form";
import { useAddForm } from "@/components/forms/add-form-provider";
import { applyActionErrors } from "@/components/forms/apply-action-errors";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/action-result";

/**
 * The inline form that adds a credential (a secret, a key) on a client's page: opened by
 * any "Add" button of the page (add-form-provider.tsx), brought into view with its first
 * field focused, and closed once the action succeeded. Errors of the credential's own
 * fields (under `fieldPrefix`) stand at those fields; any other goes to a banner.
 */
export function useInlineAdd<T extends FieldValues, R>({
  form,
  focus,
  fieldPrefix,
  action,
  onAdded,
}: {
  form: UseFormReturn<T>;
  focus: FieldPath<T>;
  fieldPrefix: string;
  action: (values: T) => Promise<ActionResult<R>>;
  onAdded: (data: R) => void;
}) {
  const { request, close } = useAddForm();
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const sectionRef = useRef<HTMLElement>(null);

  // Every "Add" click (toolbar or rotation notice) brings the form into view.
  useEffect(() => {
    if (request === 0) return;
    sectionRef.current?.scrollIntoView({ block: "nearest" });
    form.setFocus(focus);
  }, [request, form, focus]);

  function cancel() {
    form.reset();
    setFormError(null);
    close();
  }

  const submit = form.handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result = await action(values);
      if (!result.ok) {
        const fields = applyActionErrors(form.setError, result);
        if (!fields.some((field) => field.startsWith(fieldPrefix))) setFormError(result.message);
        return;
      }
      onAdded(result.data);
      form.reset();
      close();
    });
  });

  return { request, sectionRef, formError, pending, cancel, submit };
}

/** The markup of that form: heading, a line of help, the fields, Cancel and Add. */
export function InlineAddForm({
  add,
  headingId,
  title,
  intro,
  children,
}: {
  add: ReturnType<typeof useInlineAdd>;
  headingId: string;
  title: string;
  intro: string;
  children: ReactNode;
}) {
  return (
    <section ref={add.sectionRef} aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-6">
      <form onSubmit={add.submit} noValidate className="space-y-5">
        <div>
          <h3 id={headingId} className="text-lg font-semibold">
            {title}
          </h3>
          <p className="mt-1 text-sm text-slate-600">{intro}</p>
        </div>
        {add.formError && <Banner tone="error">{add.formError}</Banner>}
        {children}
        <div className="flex flex-wrap justify-end gap-3">
          <Button variant="secondary" onClick={add.cancel} disabled={add.pending}>
            Cancel
          </Button>
          <Button type="submit" disabled={add.pending} aria-busy={add.pending}>
            {add.pending ? "Adding…" : "Add"}
          </Button>
        </div>
      </form>
    </section>
  );
}
