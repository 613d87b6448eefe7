"use client";

import { useId, useState } from "react";
import { inputClass } from "@/components/ui/field";
import type { RoleOption } from "@/lib/roles/list-tenant-roles";

/**
 * The tenant's roles as checkboxes, with a filter box that narrows the list as you type
 * (roles filtered out keep their state). Account Member is always checked and locked; a
 * role with a `fixedReason` keeps its state, with the reason beside it.
 */
export function RoleChecklist({
  roles,
  value,
  onChange,
  legend = "Roles",
  lockedReason,
  disabled = false,
  describedBy,
}: {
  roles: RoleOption[];
  value: readonly string[];
  onChange: (roleIds: string[]) => void;
  legend?: string;
  /** Why Account Member cannot be unchecked, e.g. "every client has this role". */
  lockedReason: string;
  disabled?: boolean;
  describedBy?: string;
}) {
  const id = useId();
  const [filter, setFilter] = useState("");
  const wanted = filter.trim().toLowerCase();
  const shown = wanted ? roles.filter((r) => `${r.name}\n${r.description}`.toLowerCase().includes(wanted)) : roles;
  const selected = new Set(value);
  const checkedCount = roles.filter((r) => r.locked || selected.has(r.id)).length;

  function toggle(roleId: string, checked: boolean) {
    onChange(checked ? [...value, roleId] : value.filter((v) => v !== roleId));
  }

  return (
    <fieldset className="space-y-3" aria-describedby={describedBy}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className="space-y-1">
        <label htmlFor={`${id}-filter`} className="block text-sm text-slate-700">
          Filter roles
        </label>
        <input
          id={`${id}-filter`}
          type="search"
          className={`${inputClass} max-w-sm`}
          autoComplete="off"
          placeholder="Type part of a name or description"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          // Enter narrows the list; it must not submit the surrounding form.
          onKeyDown={(e) => e.key === "Enter" && e.preventDefault()}
          aria-controls={`${id}-list`}
        />
        <p className="text-xs text-slate-600" role="status">
          {wanted ? `${shown.length} of ${roles.length} roles match` : `${roles.length} roles, ${checkedCount} selected`}
        </p>
      </div>
      <ul id={`${id}-list`} className="divide-y divide-slate-100 rounded-md border border-slate-200 bg-white">
        {shown.map((role) => {
          const describe = [role.locked ? lockedReason : role.description, role.fixedReason].filter(Boolean);
          const hintId = `${id}-${role.id}-hint`;
          return (
            <li key={role.id} className="px-3 py-2">
              <label className="flex items-start gap-3 text-sm">
                <input
                  type="checkbox"
                  className="mt-0.5 size-4 shrink-0"
                  checked={role.locked || selected.has(role.id)}
                  disabled={role.locked || !!role.fixedReason || disabled}
                  onChange={(e) => toggle(role.id, e.target.checked)}
                  aria-describedby={describe.length ? hintId : undefined}
                />
                <span className="min-w-0">
                  <span className="font-medium text-slate-900">{role.name}</span>
                  {role.locked && <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">Always on</span>}
                  {describe.length > 0 && (
                    <span id={hintId} className="block text-xs text-slate-600">
                      {describe.join(" ")}
                    </span>
                  )}
                </span>
              </label>
            </li>
          );
        })}
        {shown.length === 0 && <li className="px-3 py-4 text-sm text-slate-600">No role matches “{filter.trim()}”. Clear the filter to see all roles.</li>}
      </ul>
    </fieldset>
  );
}
