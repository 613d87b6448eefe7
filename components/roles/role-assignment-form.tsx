"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";
import { applyActionErrors, messageLines } from "@/components/forms/apply-action-errors";
import { useUnsavedChangesWarning } from "@/components/forms/use-unsaved-changes-warning";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { setClientRolesAction } from "@/lib/actions/set-client-roles-action";
import { setMemberRolesAction } from "@/lib/actions/set-member-roles-action";
import { listsDiffer } from "@/lib/roles/lists-differ";
import type { RoleOption } from "@/lib/roles/list-tenant-roles";
import { ZSetClientRoles } from "@/lib/validation/role";
import { RoleChecklist } from "./role-checklist";

export type AssignmentTarget = { kind: "client"; clientId: string; label: string } | { kind: "user"; userId: string; label: string };

// Both schemas share ZRoleIds; only the list of role ids is edited here.
const ZRoleSelection = ZSetClientRoles.pick({ roleIds: true });

/** Choose the complete set of roles of a client or member and save it in one go. */
export function RoleAssignmentForm({
  tenantSlug,
  target,
  roles,
  assignedRoleIds,
  lockedReason,
}: {
  tenantSlug: string;
  target: AssignmentTarget;
  roles: RoleOption[];
  assignedRoleIds: string[];
  lockedReason: string;
}) {
  const router = useRouter();
  const toast = useToast();
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const locked = new Set(roles.filter((r) => r.locked).map((r) => r.id));
  const initial = assignedRoleIds.filter((id) => !locked.has(id));
  const { control, handleSubmit, setError, reset, watch, formState } = useForm<z.input<typeof ZRoleSelection>, unknown, z.output<typeof ZRoleSelection>>({
    resolver: zodResolver(ZRoleSelection),
    defaultValues: { roleIds: initial },
  });
  const saved = formState.defaultValues?.roleIds?.filter((id): id is string => !!id) ?? [];
  const changed = listsDiffer(saved, watch("roleIds") ?? []);
  useUnsavedChangesWarning(changed, `The role changes for ${target.label} are not saved. Leave this page and lose them?`);

  const submit = handleSubmit(({ roleIds }) => {
    setFormError(null);
    startTransition(async () => {
      const result =
        target.kind === "client"
          ? await setClientRolesAction(tenantSlug, { clientId: target.clientId, roleIds })
          : await setMemberRolesAction(tenantSlug, { userId: target.userId, roleIds });
      if (result.ok) {
        reset({ roleIds });
        toast("success", `Roles of ${target.label} saved: ${result.data.roles.join(", ")}`);
        router.refresh();
        return;
      }
      if (!applyActionErrors(setError, result).length) setFormError(result.message);
    });
  });

  const errorLines = messageLines(formState.errors.roleIds?.message);
  return (
    <form onSubmit={submit} noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      {formError && <Banner tone="error">{formError}</Banner>}
      <Controller
        control={control}
        name="roleIds"
        render={({ field }) => (
          <RoleChecklist
            roles={roles}
            value={field.value ?? []}
            onChange={field.onChange}
            legend={`Roles of ${target.label}`}
            lockedReason={lockedReason}
            disabled={pending}
            describedBy={errorLines ? "role-assignment-error" : undefined}
          />
        )}
      />
      {errorLines && (
        <div id="role-assignment-error" role="alert" className="space-y-1">
          {errorLines.map((line) => (
            <p key={line} className="text-sm text-red-700">
              {line}
            </p>
          ))}
        </div>
      )}
      <div className="flex flex-wrap items-center justify-end gap-3">
        {changed && <span className="text-sm text-slate-600">Unsaved changes</span>}
        <Button variant="secondary" onClick={() => reset()} disabled={!changed || pending}>
          Undo changes
        </Button>
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? "Saving…" : "Save roles"}
        </Button>
      </div>
    </form>
  );
}
