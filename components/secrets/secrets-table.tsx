import type { SecretSummary } from "@/lib/secrets/insert-client-secret";
import { AddedBy, LastUsed } from "@/components/credentials/credential-cells";
import { expiryLevel, formatDate, secretStatus, statusLabel } from "@/lib/secrets/secret-status";
import { ActionsCell, STACKED_CELL as CELL, STACKED_ROW, StackedTable } from "@/components/ui/stacked-table";
import { DeleteSecretButton } from "./delete-secret-button";
import { EXPIRY_TEXT } from "./expiry-tone";
import { StatusIcon, WarningIcon } from "./status-icons";

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
    <StackedTable labelledBy="secrets-heading" columns={["Description", "Secret", "Created", "Expires", "Last used", "Status"]} withActions={!!manage}>
      {secrets.map((secret) => {
        const status = secretStatus(secret.expiresAt, now);
        return (
          <tr key={secret.id} className={STACKED_ROW}>
            <td data-label="Description" className={CELL}>
              {secret.description || <span className="text-slate-600">No description</span>}
            </td>
            <td data-label="Secret" className={`${CELL} font-mono text-xs whitespace-nowrap`}>
              {secret.hint}…
            </td>
            <td data-label="Created" className={CELL}>
              <AddedBy at={secret.createdAt} by={secret.createdByLabel} />
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
              <LastUsed at={secret.lastUsedAt} now={now} />
            </td>
            <td data-label="Status" className={`${CELL} font-medium whitespace-nowrap ${EXPIRY_TEXT[expiryLevel(status)]}`}>
              <span className="inline-flex items-center gap-1">
                <StatusIcon kind={status.kind} />
                {statusLabel(status)}
              </span>
            </td>
            {manage && (
              <ActionsCell>
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
              </ActionsCell>
            )}
          </tr>
        );
      })}
    </StackedTable>
  );
}
