"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { deleteEnvironmentAction } from "@/lib/actions/delete-environment-action";

export function DeleteEnvironmentButton({ tenantSlug, environment }: { tenantSlug: string; environment: { id: string; name: string } }) {
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function confirm() {
    setError(null);
    startTransition(async () => {
      const result = await deleteEnvironmentAction(tenantSlug, { environmentId: environment.id });
      if (!result.ok) return setError(result.message);
      setOpen(false);
      toast("success", `Environment “${environment.name}” deleted`);
    });
  }

  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} aria-label={`Delete ${environment.name}`}>
        Delete
      </Button>
      {open && (
        <ConfirmDialog
          title={`Delete the environment “${environment.name}”?`}
          confirmLabel="Delete environment"
          pending={pending}
          error={error}
          onConfirm={confirm}
          onCancel={() => {
            setOpen(false);
            setError(null);
          }}
        >
          No client belongs to it. New clients can no longer be put in it; this cannot be undone (you can add an
          environment with the same name again).
        </ConfirmDialog>
      )}
    </>
  );
}
