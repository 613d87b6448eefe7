import type { SecretSummary } from "@/lib/secrets/insert-client-secret";
import { formatDate, formatDateTime, formatRelative, secretStatus, statusLabel } from "@/lib/secrets/secret-status";
import { AddFormButton } from "@/components/forms/add-form-provider";
import { WarningIcon } from "./status-icons";

/**
 * Rotation help for secrets that expire within 30 days or have expired (seeds 000/001/003):
 * add a new secret, switch the application, delete the old one once its "last used" stops
 * moving. Expiry is never extended, so there is deliberately no such action here.
 */
export function RotationNotice({ secrets, now, canAdd }: { secrets: SecretSummary[]; now: number; canAdd: boolean }) {
  const expired = secrets.every((secret) => secretStatus(secret.expiresAt, now).kind === "expired");
  return (
    <section aria-labelledby="rotation-heading" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-5 text-sm text-amber-950">
      <h3 id="rotation-heading" className="flex items-center gap-2 text-base font-semibold">
        <WarningIcon />
        {expired ? "Expired secret: rotate it" : "A secret expires soon: rotate it now"}
      </h3>
      <ul className="space-y-2">
        {secrets.map((secret) => (
          <li key={secret.id}>
            <DueSecret secret={secret} now={now} />
          </li>
        ))}
      </ul>
      <ol className="list-decimal space-y-1 pl-5">
        <li>Add a new secret and store it where the application reads it.</li>
        <li>Switch the application to the new secret.</li>
        <li>Delete the old secret once its “last used” time stops moving.</li>
      </ol>
      {canAdd ? <AddFormButton>Add a new secret</AddFormButton> : <p>Ask an Account Administrator of this tenant to add a new secret.</p>}
    </section>
  );
}

function DueSecret({ secret, now }: { secret: SecretSummary; now: number }) {
  const expiresAt = secret.expiresAt!;
  const status = secretStatus(expiresAt, now);
  // The same wording as the table's status column ("Expires in 10 days").
  const when = status.kind === "expired" ? `expired ${formatRelative(expiresAt, now)}` : statusLabel(status).toLowerCase();
  return (
    <p>
      Secret <span className="font-mono font-semibold">{secret.hint}…</span>
      {secret.description && <> (“{secret.description}”)</>} <strong>{when}</strong>, on <time dateTime={expiresAt.toISOString()}>{formatDate(expiresAt)}</time>{" "}
      (00:00 UTC).{" "}
      {secret.lastUsedAt ? (
        <>
          Last used {formatRelative(secret.lastUsedAt, now)} (<time dateTime={secret.lastUsedAt.toISOString()}>{formatDateTime(secret.lastUsedAt)}</time>).
        </>
      ) : (
        "Never used."
      )}
    </p>
  );
}
