import type { SecretSummary } from "@/lib/secrets/insert-client-secret";
import { dueSummary, expiryLevel, formatDate, formatDateTime, formatRelative, secretStatus, statusLabel } from "@/lib/secrets/secret-status";
import { AddFormButton } from "@/components/forms/add-form-provider";
import { EXPIRY_BOX } from "./expiry-tone";
import { WarningIcon } from "./status-icons";

/**
 * Rotation help for secrets that expire within 30 days or have expired (seeds 000/001/003):
 * add a new secret, switch the application, delete the old one once its "last used" stops
 * moving. Amber, red once one is urgent (7 days) or expired; the heading counts them.
 * Expiry is never extended, so there is deliberately no such action here.
 */
export function RotationNotice({ secrets, now, canAdd }: { secrets: SecretSummary[]; now: number; canAdd: boolean }) {
  const statuses = secrets.map((secret) => secretStatus(secret.expiresAt, now));
  const urgent = statuses.some((status) => expiryLevel(status) === "urgent");
  const allExpired = statuses.every((status) => status.kind === "expired");
  return (
    <section aria-labelledby="rotation-heading" className={`space-y-3 rounded-lg border p-5 text-sm ${EXPIRY_BOX[urgent ? "urgent" : "warning"]}`}>
      <h3 id="rotation-heading" className="flex items-center gap-2 text-base font-semibold">
        <WarningIcon />
        {`${dueSummary(secrets, now)}: rotate ${secrets.length === 1 ? "it" : "them"}${allExpired ? "" : " now"}`}
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
      {canAdd ? (
        // At the limit the button is disabled, and says why right beside it.
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <AddFormButton reasonClassName="font-medium">Add a new secret</AddFormButton>
        </div>
      ) : (
        <p>Ask an Account Administrator of this tenant to add a new secret.</p>
      )}
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
