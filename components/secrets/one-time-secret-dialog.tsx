"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { useUnsavedChangesWarning } from "@/components/forms/use-unsaved-changes-warning";

const LEAVE_SECRET = "Leave this page? You will not see this secret again.";

export type OneTimeSecret = { title: string; clientId: string; clientSecret: string; expiresAt: Date | null };

/**
 * Shows a new secret exactly once. A modal <dialog> traps focus; Escape and the backdrop
 * do not close it, and closing before copying the secret asks first. The parent drops the
 * secret from its state in onClose, so nothing keeps the plaintext afterwards.
 */
export function OneTimeSecretDialog({ secret, onClose }: { secret: OneTimeSecret; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  // Leaving the page (reload, close, Back) would lose the secret just the same.
  useUnsavedChangesWarning(true, LEAVE_SECRET);

  function requestClose() {
    if (copied || confirming) {
      ref.current?.close();
      onClose();
    } else {
      setConfirming(true);
    }
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby="secret-dialog-title"
      aria-describedby="secret-dialog-warning"
      onCancel={(event) => {
        event.preventDefault();
        setConfirming(true);
      }}
      className="m-auto w-[min(40rem,calc(100vw-2rem))] rounded-lg bg-white p-0 shadow-xl"
    >
      <div className="space-y-5 p-6">
        <h2 id="secret-dialog-title" className="text-lg font-semibold">
          {secret.title}
        </h2>
        <p id="secret-dialog-warning" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <strong>Copy the Client Secret now.</strong> It is not stored anywhere and cannot be shown again after you close this dialog. If it is lost, delete it
          and add a new secret.
        </p>
        <SecretValue id="one-time-client-id" label="Client Id" value={secret.clientId} />
        <SecretValue id="one-time-client-secret" label="Client Secret" value={secret.clientSecret} onCopied={() => setCopied(true)} />
        <p className="text-sm text-slate-600">
          {secret.expiresAt
            ? `The secret expires on ${secret.expiresAt.toISOString().slice(0, 10)} (00:00 UTC).`
            : "The secret never expires. Delete it when it is no longer needed."}
        </p>
        {confirming && !copied && (
          <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
            You have not copied the Client Secret. Once you close this dialog it cannot be shown again.
          </p>
        )}
        <div className="flex flex-wrap justify-end gap-3">
          {confirming && !copied && (
            <Button variant="secondary" onClick={() => setConfirming(false)} autoFocus>
              Go back
            </Button>
          )}
          <Button variant={confirming && !copied ? "danger" : "primary"} onClick={requestClose}>
            {confirming && !copied ? "Close without copying" : "Close"}
          </Button>
        </div>
      </div>
    </dialog>
  );
}

/**
 * A value to copy, shown whole: it wraps inside its field (a secret has no spaces to wrap
 * at) instead of running out of a narrow dialog, and the copy button goes below it on a phone.
 */
function SecretValue({ id, label, value, onCopied }: { id: string; label: string; value: string; onCopied?: () => void }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
        {/* Sized to its content where the browser can (field-sizing); two lines elsewhere. */}
        <textarea
          id={id}
          readOnly
          value={value}
          rows={2}
          spellCheck={false}
          autoComplete="off"
          onFocus={(event) => event.currentTarget.select()}
          className="block w-full min-w-0 resize-none rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm break-all field-sizing-content"
        />
        <CopyButton value={value} label={label} onCopied={onCopied} />
      </div>
    </div>
  );
}
