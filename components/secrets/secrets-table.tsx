import type { SecretSummary } from "@/lib/secrets/insert-client-secret";
import { formatDate, formatDateTime, formatRelative, secretStatus, statusLabel, type SecretStatus } from "@/lib/secrets/secret-status";
import { DeleteSecretButton } from "./delete-secret-button";
import { StatusIcon, WarningIcon } from "./status-icons";

// Below the sm breakpoint each row becomes a stacked card and every cell shows its column's
// name (data-label), so a phone needs no sideways scrolling.
const CELL =
  "px-4 py-3 max-sm:flex max-sm:gap-3 max-sm:py-1 max-sm:before:w-24 max-sm:before:shrink-0 max-sm:before:text-xs max-sm:before:font-semibold max-sm:before:text-slate-600 max-sm:before:uppercase max-sm:before:content-[attr(data-label)]";

const STATUS_CLASS: Record<SecretStatus["kind"], string> = {
  active: "text-green-800",
  expiring: "text-amber-800",
  expired: "text-red-700",
};

/**
 * A client's secrets, newest last. Status is given in words and an icon, never by colour
 * alone; times are relative with the absolute UTC time next to them.
 */
export function SecretsTable({
  secrets,
  now,
  manage,
}: {
  secrets: SecretSummary[];
  now: number;
  /** Present for administrators: adds the Delete column. */
  manage?: { tenantSlug: string; clientId: string };
}) {
  const working = secrets.filter((secret) => secretStatus(secret.expiresAt, now).kind !== "expired");
  return (
    // Focusable so keyboard users can scroll it on a narrow window.
    <div role="region" aria-labelledby="secrets-heading" tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm max-sm:block">
        <thead className="max-sm:sr-only bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            <th scope="col" className="px-4 py-3">Description</th>
            <th scope="col" className="px-4 py-3">Secret</th>
            <th scope="col" className="px-4 py-3">Created</th>
            <th scope="col" className="px-4 py-3">Expires</th>
            <th scope="col" className="px-4 py-3">Last used</th>
            <th scope="col" className="px-4 py-3">Status</th>
            {manage && (
              <th scope="col" className="px-4 py-3">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 max-sm:block">
          {secrets.map((secret) => {
            const status = secretStatus(secret.expiresAt, now);
            return (
              <tr key={secret.id} className="max-sm:block max-sm:py-2">
                <td data-label="Description" className={CELL}>
                  {secret.description || <span className="text-slate-600">No description</span>}
                </td>
                <td data-label="Secret" className={`${CELL} font-mono text-xs whitespace-nowrap`}>
                  {secret.hint}…
                </td>
                <td data-label="Created" className={CELL}>
                  <div>
                    <time dateTime={secret.createdAt.toISOString()} className="whitespace-nowrap">
                      {formatDate(secret.createdAt)}
                    </time>
                    <div className="text-xs break-all text-slate-600">by {secret.createdByLabel}</div>
                  </div>
                </td>
                <td data-label="Expires" className={`${CELL} whitespace-nowrap`}>
                  {secret.expiresAt ? (
                    <time dateTime={secret.expiresAt.toISOString()}>{formatDate(secret.expiresAt)}</time>
                  ) : (
                    <span className="inline-flex items-center gap-1" title="Never expires: secrets that expire are safer">
                      Never
                      <WarningIcon className="text-amber-700" />
                      <span className="sr-only">(not recommended: secrets should expire)</span>
                    </span>
                  )}
                </td>
                <td data-label="Last used" className={`${CELL} whitespace-nowrap`}>
                  {secret.lastUsedAt ? (
                    <div>
                      {formatRelative(secret.lastUsedAt, now)}
                      <div className="text-xs text-slate-600">
                        <time dateTime={secret.lastUsedAt.toISOString()}>{formatDateTime(secret.lastUsedAt)}</time>
                      </div>
                    </div>
                  ) : (
                    <span className="text-slate-600">Never used</span>
                  )}
                </td>
                <td data-label="Status" className={`${CELL} font-medium whitespace-nowrap ${STATUS_CLASS[status.kind]}`}>
                  <span className="inline-flex items-center gap-1">
                    <StatusIcon kind={status.kind} />
                    {statusLabel(status)}
                  </span>
                </td>
                {manage && (
                  <td className="px-4 py-3 max-sm:py-1">
                    {/* A flex end, not text-align: the dialog inside would inherit the alignment. */}
                    <div className="flex justify-end max-sm:justify-start">
                      <DeleteSecretButton
                        tenantSlug={manage.tenantSlug}
                        clientId={manage.clientId}
                        secret={{
                          id: secret.id,
                          hint: secret.hint,
                          description: secret.description,
                          lastUsedAt: secret.lastUsedAt,
                          onlyWorkingSecret: working.length === 1 && working[0] === secret,
                        }}
                      />
                    </div>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
