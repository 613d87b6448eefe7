"use client";

import { useConfirmedAction } from "@/components/forms/use-confirmed-action";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { deleteEnvironmentAction } from "@/lib/actions/delete-environment-action";

export function DeleteEnvironmentButton({ tenantSlug, environment }: { tenantSlug: string; environment: { id: string; name: string } }) {
  const toast = useToast();
  const deletion = useConfirmedAction(
    () => deleteEnvironmentAction(tenantSlug, { environmentId: environment.id }),
    () => toast("success", `Environment “${environment.name}” deleted`),
  );

  return (
    <>
      <Button variant="secondary" onClick={deletion.show} aria-label={`Delete ${environment.name}`}>
        Delete
      </Button>
      {deletion.open && (
        <ConfirmDialog
          title={`Delete the environment “${environment.name}”?`}
          confirmLabel="Delete environment"
          pending={deletion.pending}
          error={deletion.error}
          onConfirm={deletion.confirm}
          onCancel={deletion.cancel}
        >
          No client belongs to it. New clients can no longer be put in it; this cannot be undone (you can add an environment with the same name again).
        </ConfirmDialog>
      )}
    </>
  );
}
