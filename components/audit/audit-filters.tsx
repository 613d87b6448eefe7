"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import type { AuditActionOption } from "@/lib/audit/list-audit-actions";
import { AUDIT_FILTER_KEYS, ZAuditFilters, type TAuditFilters } from "@/lib/validation/audit";
import { fieldErrorsOf, type FieldErrors } from "@/lib/validation/parse-input";

export const NO_FILTERS: TAuditFilters = { action: "", actor: "", target: "", from: "", to: "" };

/** The filters' problems, by the schema the audit API checks them with too. */
function problemsOf(filters: TAuditFilters): FieldErrors {
  const result = ZAuditFilters.safeParse(filters);
  return result.success ? {} : fieldErrorsOf(result.error);
}

/**
 * The audit log's filters. They live in the URL (a shareable view, Back works): the action
 * applies when chosen, the others when submitted (Enter or Apply), once they are valid.
 */
export function AuditFilters({
  filters,
  actions,
  onChange,
}: {
  filters: TAuditFilters;
  actions: AuditActionOption[];
  onChange: (filters: TAuditFilters) => void;
}) {
  const [draft, setDraft] = useState(filters);
  // A URL typed or shared with a bad date shows its problem where the date is.
  const [errors, setErrors] = useState<FieldErrors>(() => problemsOf(filters));
  const form = useRef<HTMLFormElement>(null);
  // Back and Forward change the URL under the form: show what is applied.
  useEffect(() => {
    setDraft(filters);
    setErrors(problemsOf(filters));
  }, [filters]);

  const options =
    filters.action && !actions.some((a) => a.action === filters.action) ? [...actions, { action: filters.action, label: filters.action }] : actions;
  const filtered = AUDIT_FILTER_KEYS.some((key) => filters[key]);

  function apply(next: TAuditFilters) {
    const trimmed = Object.fromEntries(AUDIT_FILTER_KEYS.map((key) => [key, next[key].trim()])) as TAuditFilters;
    const problems = problemsOf(trimmed);
    setErrors(problems);
    const first = AUDIT_FILTER_KEYS.find((key) => problems[key]);
    if (first) {
      form.current?.querySelector<HTMLElement>(`#audit-${first}`)?.focus();
      return;
    }
    onChange(trimmed);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    apply(draft);
  }

  const text = (key: "actor" | "target") => ({
    value: draft[key],
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value }),
  });
  const day = (key: "from" | "to") => ({
    id: `audit-${key}`,
    type: "text",
    inputMode: "numeric" as const,
    className: inputClass,
    placeholder: "YYYY-MM-DD",
    maxLength: 10,
    autoComplete: "off",
    "aria-invalid": errors[key] ? true : undefined,
    "aria-describedby": `audit-${key}-hint${errors[key] ? ` audit-${key}-error` : ""}`,
    value: draft[key],
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value }),
  });

  return (
    <form
      ref={form}
      onSubmit={submit}
      role="search"
      aria-label="Filter the audit log"
      noValidate
      className="flex flex-wrap items-start gap-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <div className="w-full space-y-1 sm:w-56">
        <label htmlFor="audit-action" className="block text-sm font-medium text-slate-800">
          Action
        </label>
        <select id="audit-action" className={inputClass} value={draft.action} onChange={(event) => apply({ ...draft, action: event.target.value })}>
          <option value="">All actions</option>
          {options.map((option) => (
            <option key={option.action} value={option.action}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <div className="w-full min-w-0 space-y-1 sm:w-auto sm:min-w-48 sm:flex-1">
        <label htmlFor="audit-actor" className="block text-sm font-medium text-slate-800">
          Actor
        </label>
        <input id="audit-actor" type="search" className={inputClass} placeholder="Email address or cli" maxLength={200} autoComplete="off" {...text("actor")} />
      </div>
      <div className="w-full min-w-0 space-y-1 sm:w-auto sm:min-w-48 sm:flex-1">
        <label htmlFor="audit-target" className="block text-sm font-medium text-slate-800">
          Target
        </label>
        <input
          id="audit-target"
          type="search"
          className={inputClass}
          placeholder="Name or id, e.g. a Client Id"
          maxLength={200}
          autoComplete="off"
          {...text("target")}
        />
      </div>
      <div className="w-full sm:w-36">
        <Field id="audit-from" label="From" hint="YYYY-MM-DD (UTC)" errors={errors.from}>
          <input {...day("from")} />
        </Field>
      </div>
      <div className="w-full sm:w-36">
        <Field id="audit-to" label="To" hint="YYYY-MM-DD, included" errors={errors.to}>
          <input {...day("to")} />
        </Field>
      </div>
      <div className="flex gap-3 sm:mt-6">
        <Button type="submit" variant="secondary">
          Apply
        </Button>
        {filtered && (
          <Button variant="secondary" onClick={() => onChange(NO_FILTERS)}>
            Clear filters
          </Button>
        )}
      </div>
    </form>
  );
}
