"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { deleteRoleAction } from "@/lib/actions/delete-role-action";
import { assignmentSummary } from "@/lib/roles/assignment-summary";

type Role = { id: string; name: string; userCount: number; clientCount: number };

/**
 * An unassigned role is deleted at once; an assigned one only after a confirmation that
 * says who holds it. If it was assigned meanwhile, the server refuses and we ask then.
 */
export function DeleteRoleButton({ tenantSlug, role }: { tenantSlug: string; role: Role }) {
  const router = useRouter();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [assignedMeanwhile, setAssignedMeanwhile] = useState(false);
  const [pending, startTransition] = useTransition();
  const assigned = role.userCount + role.clientCount > 0;

  function remove(removeAssignments: boolean) {
    setError(null);
    startTransition(async () => {
      const result = await deleteRoleAction(tenantSlug, { roleId: role.id, removeAssignments });
      if (result.ok) {
        setConfirming(false);
        const from =
          result.data.userCount + result.data.clientCount > 0 ? `, removed from ${assignmentSummary(result.data.userCount, result.data.clientCount)}` : "";
        toast("success", `Role “${role.name}” deleted${from}`);
        return;
      }
      if (removeAssignments) return setError(result.message); // shown in the open dialog
      if (result.code === "CONFLICT") {
        // Assigned since the page loaded: the refresh brings the counts the dialog shows.
        router.refresh();
        setAssignedMeanwhile(true);
        setConfirming(true);
        return;
      }
      toast("error", result.message);
    });
  }

  return (
    <>
      <Button
        variant="secondary"
        onClick={() => (assigned ? setConfirming(true) : remove(false))}
        disabled={pending && !confirming}
        aria-busy={pending && !confirming}
        aria-label={`Delete ${role.name}`}
      >
        {pending && !confirming ? "Deleting…" : "Delete"}
      </Button>
      {confirming && (
        <ConfirmDialog
          title={`Delete the role “${role.name}”?`}
          confirmLabel="Delete role"
          pending={pending}
          error={error}
          onConfirm={() => remove(true)}
          onCancel={() => {
            setConfirming(false);
            setError(null);
            setAssignedMeanwhile(false);
          }}
        >
          {assignedMeanwhile && <p className="mb-2 font-medium">It was assigned since this page loaded.</p>}
          <p>
            It is held by <strong>{assignmentSummary(role.userCount, role.clientCount)}</strong>. Deleting it removes it from all of them: users lose it at
            once, and clients’ next tokens no longer list it. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
