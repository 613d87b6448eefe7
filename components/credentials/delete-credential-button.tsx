"use client";

import { useEffect, useRef, useState } from "react";
import { useConfirmedAction } from "@/components/forms/use-confirmed-action";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/actions/action-result";
import { formatDateTime, formatRelative, isRecentlyUsed } from "@/lib/secrets/secret-status";

export type CredentialToDelete = {
  /** How the administrator tells it apart: a secret's hint ("lk_abcd…"), a key's kid. */
  name: string;
  /** Facts shown next to the name, e.g. a key's type ("EC P-256"). */
  facts?: string;
  description: string;
  lastUsedAt: Date | null;
  /** Set when deleting it locks the application out (e.g. the client's only key). */
  lockoutWarning: string | null;
};

/**
 * Deleting a secret or key is immediate and cannot be undone, so the confirmation names it
 * and says when it was last used: a recent use means an application may still depend on it.
 */
export function DeleteCredentialButton({
  noun,
  credential,
  run,
  deletedMessage,
  focusId,
}: {
  noun: "secret" | "key";
  credential: CredentialToDelete;
  run: () => Promise<ActionResult<unknown>>;
  deletedMessage: string;
  /** The heading that takes focus once the row (and this button) is gone. */
  focusId: string;
}) {
  const toast = useToast();
  // The time the dialog was opened, for "last used 3 minutes ago" (not render time: no hydration drift).
  const [openedAt, setOpenedAt] = useState(0);
  const { name, facts, description, lastUsedAt, lockoutWarning } = credential;
  const deleted = useRef(false);
  const deletion = useConfirmedAction(run, () => {
    toast("success", deletedMessage);
    deleted.current = true;
    document.getElementById(focusId)?.focus();
  });
  // The re-rendered page drops this row, and the closing dialog hands focus back to this
  // button as it goes: once both are gone, focus the heading again, or it would fall to the page.
  useEffect(
    () => () => {
      if (deleted.current) document.getElementById(focusId)?.focus();
    },
    [focusId],
  );
  const about = [facts, description ? `“${description}”` : "no description"].filter(Boolean).join(", ");

  return (
    <>
      <Button
        variant="secondary"
        className="py-1"
        onClick={() => {
          setOpenedAt(Date.now());
          deletion.show();
        }}
        aria-label={`Delete ${noun} ${name}`}
      >
        Delete
      </Button>
      {deletion.open && (
        <ConfirmDialog
          title={`Delete ${noun} ${name}?`}
          confirmLabel={`Delete ${noun}`}
          pending={deletion.pending}
          error={deletion.error}
          onConfirm={deletion.confirm}
          onCancel={deletion.cancel}
        >
          <div className="space-y-3">
            <p>
              {noun === "key" ? "Key" : "Secret"} <span className="font-mono break-all">{name}</span> ({about}) will be deleted.
            </p>
            <p>
              <strong>Applications using this {noun} stop working immediately:</strong> they can no longer get tokens. This cannot be undone.
            </p>
            {lockoutWarning && <p className="font-medium">{lockoutWarning}</p>}
            <LastUse noun={noun} lastUsedAt={lastUsedAt} now={openedAt} />
          </div>
        </ConfirmDialog>
      )}
    </>
  );
}

function LastUse({ noun, lastUsedAt, now }: { noun: string; lastUsedAt: Date | null; now: number }) {
  if (!lastUsedAt) return <p>It has never been used to get a token.</p>;
  const when = `${formatRelative(lastUsedAt, now)} (${formatDateTime(lastUsedAt)})`;
  if (!isRecentlyUsed(lastUsedAt, now)) return <p>It was last used {when}.</p>;
  return (
    <p className="rounded-md border border-red-300 bg-red-50 px-3 py-2 font-medium text-red-900">
      Last used {when} — it may still be in use! Switch the application to a new {noun} first.
    </p>
  );
}
