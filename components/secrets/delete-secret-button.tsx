"use client";

import { useState } from "react";
import { useConfirmedAction } from "@/components/forms/use-confirmed-action";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { deleteClientSecretAction } from "@/lib/actions/delete-client-secret-action";
import { formatDateTime, formatRelative, isRecentlyUsed } from "@/lib/secrets/secret-status";

type SecretToDelete = {
  id: string;
  hint: string;
  description: string;
  lastUsedAt: Date | null;
  /** The client's only secret that has not expired: deleting it locks the application out. */
  onlyWorkingSecret: boolean;
};

/**
 * Deleting is immediate and cannot be undone, so the confirmation names the secret and says
 * when it was last used: a recent use means an application may still depend on it.
 */
export function DeleteSecretButton({ tenantSlug, clientId, secret }: { tenantSlug: string; clientId: string; secret: SecretToDelete }) {
  const toast = useToast();
  // The time the dialog was opened, for "last used 3 minutes ago" (not render time: no hydration drift).
  const [openedAt, setOpenedAt] = useState(0);
  const name = `${secret.hint}…`;
  const deletion = useConfirmedAction(
    () => deleteClientSecretAction(tenantSlug, { clientId, secretId: secret.id }),
    () => {
      toast("success", `Secret ${name} deleted. Applications using it can no longer get tokens.`);
      document.getElementById("secrets-heading")?.focus();
    },
  );

  return (
    <>
      <Button variant="secondary" className="py-1" onClick={() => {
          setOpenedAt(Date.now());
          deletion.show();
        }} aria-label={`Delete secret ${name}`}>
        Delete
      </Button>
      {deletion.open && (
        <ConfirmDialog
          title={`Delete secret ${name}?`}
          confirmLabel="Delete secret"
          pending={deletion.pending}
          error={deletion.error}
          onConfirm={deletion.confirm}
          onCancel={deletion.cancel}
        >
          <div className="space-y-3">
            <p>
              Secret <span className="font-mono">{name}</span>
              {secret.description ? <> (“{secret.description}”)</> : " (no description)"} will be deleted.
            </p>
            <p>
              <strong>Applications using this secret stop working immediately:</strong> they can no longer get tokens. This
              cannot be undone.
            </p>
            {secret.onlyWorkingSecret && (
              <p className="font-medium">
                This is the client’s only secret that has not expired: until a new one is added, the client cannot
                authenticate at all.
              </p>
            )}
            <LastUse lastUsedAt={secret.lastUsedAt} now={openedAt} />
          </div>
        </ConfirmDialog>
      )}
    </>
  );
}

function LastUse({ lastUsedAt, now }: { lastUsedAt: Date | null; now: number }) {
  if (!lastUsedAt) return <p>It has never been used to get a token.</p>;
  const when = `${formatRelative(lastUsedAt, now)} (${formatDateTime(lastUsedAt)})`;
  if (!isRecentlyUsed(lastUsedAt, now)) return <p>It was last used {when}.</p>;
  return (
    <p className="rounded-md border border-red-300 bg-red-50 px-3 py-2 font-medium text-red-900">
      Last used {when} — it may still be in use! Switch the application to a new secret first.
    </p>
  );
}
