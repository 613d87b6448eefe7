"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { clientListHref } from "@/lib/validation/client-list";
import { DeleteEnvironmentButton } from "./delete-environment-button";
import { RenameEnvironmentForm } from "./rename-environment-form";

export type EnvironmentRow = { id: string; name: string; clientCount: number; isDefault: boolean };

const clients = (count: number) => (count === 1 ? "1 client" : `${count} clients`);

/** Why an environment cannot be deleted right now, or null when it can (the server checks again). */
function deleteBlocker(environment: EnvironmentRow, total: number): string | null {
  if (environment.clientCount > 0) return `In use by ${clients(environment.clientCount)}`;
  if (total <= 1) return "The only environment";
  return null;
}

/** One row per environment (a list, not a table, so it also fits a phone's width). */
export function EnvironmentsList({ tenantSlug, environments, canManage }: { tenantSlug: string; environments: EnvironmentRow[]; canManage: boolean }) {
  const [renaming, setRenaming] = useState<string | null>(null);

  function stopRenaming(id: string) {
    setRenaming(null);
    // Back to the button that opened the form, so keyboard users keep their place.
    requestAnimationFrame(() => document.getElementById(`rename-button-${id}`)?.focus());
  }

  return (
    <ul aria-label="Environments" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
      {environments.map((environment) => {
        const blocker = deleteBlocker(environment, environments.length);
        if (renaming === environment.id) {
          return (
            <li key={environment.id} className="px-4 py-3">
              <RenameEnvironmentForm tenantSlug={tenantSlug} environment={environment} onDone={() => stopRenaming(environment.id)} />
            </li>
          );
        }
        return (
          <li key={environment.id} className="flex flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3">
            <div className="min-w-0">
              <p className="font-medium break-words">
                {environment.name}
                {environment.isDefault && <span className="ml-2 text-xs font-normal text-slate-600">(default for new clients)</span>}
              </p>
              <p className="text-sm">
                {environment.clientCount > 0 ? (
                  <Link href={clientListHref(tenantSlug, { environment: environment.id })} className="text-blue-800 underline">
                    {clients(environment.clientCount)}
                    <span className="sr-only"> in {environment.name}</span>
                  </Link>
                ) : (
                  <span className="text-slate-600">No clients</span>
                )}
              </p>
            </div>
            {canManage && (
              <div className="flex flex-wrap items-center gap-2">
                {blocker && <span className="text-xs text-slate-600">{blocker}: can’t be deleted</span>}
                <Button
                  id={`rename-button-${environment.id}`}
                  variant="secondary"
                  onClick={() => setRenaming(environment.id)}
                  aria-label={`Rename ${environment.name}`}
                >
                  Rename
                </Button>
                {!blocker && <DeleteEnvironmentButton tenantSlug={tenantSlug} environment={environment} />}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
