"use client";

import { useEffect, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { AuditActionOption } from "@/lib/audit/list-audit-actions";
import type { TAuditFilters } from "@/lib/validation/audit";

/**
 * The audit log's filters. They live in the URL (a shareable view, Back works): the action
 * applies when chosen, the text filters when submitted (Enter or Apply).
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
  // Back and Forward change the URL under the form: show what is applied.
  useEffect(() => setDraft(filters), [filters]);

  const options =
    filters.action && !actions.some((a) => a.action === filters.action) ? [...actions, { action: filters.action, label: filters.action }] : actions;
  const filtered = Boolean(filters.action || filters.actor || filters.target);

  function submit(event: FormEvent) {
    event.preventDefault();
    onChange({ action: draft.action, actor: draft.actor.trim(), target: draft.target.trim() });
  }

  return (
    <form
      onSubmit={submit}
      role="search"
      aria-label="Filter the audit log"
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <div className="w-full space-y-1 sm:w-56">
        <label htmlFor="audit-action" className="block text-sm font-medium text-slate-800">
          Action
        </label>
        <select
          id="audit-action"
          className={inputClass}
          value={draft.action}
          onChange={(event) => onChange({ action: event.target.value, actor: draft.actor.trim(), target: draft.target.trim() })}
        >
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
        <input
          id="audit-actor"
          type="search"
          className={inputClass}
          placeholder="Email address or cli"
          maxLength={200}
          autoComplete="off"
          value={draft.actor}
          onChange={(event) => setDraft({ ...draft, actor: event.target.value })}
        />
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
          value={draft.target}
          onChange={(event) => setDraft({ ...draft, target: event.target.value })}
        />
      </div>
      <div className="flex gap-3">
        <Button type="submit" variant="secondary">
          Apply
        </Button>
        {filtered && (
          <Button variant="secondary" onClick={() => onChange({ action: "", actor: "", target: "" })}>
            Clear filters
          </Button>
        )}
      </div>
    </form>
  );
}
