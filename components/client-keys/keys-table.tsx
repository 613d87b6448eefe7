import { AddedBy, LastUsed } from "@/components/credentials/credential-cells";
import { ActionsCell, STACKED_CELL as CELL, STACKED_ROW, StackedTable } from "@/components/ui/stacked-table";
import { CopyButton } from "@/components/ui/copy-button";
import type { ClientKeySummary } from "@/lib/client-keys/insert-client-key";
import { DeleteKeyButton } from "./delete-key-button";
import { keyName } from "./key-name";

/**
 * A signed-JWT client's public keys, oldest first: what the application names in its JWT
 * header (kid), the key's type and the thumbprint to compare with the application's key.
 */
export function KeysTable({
  keys,
  now,
  manage,
}: {
  keys: ClientKeySummary[];
  now: number;
  /** Present for administrators: adds the Delete column. */
  manage?: { tenantSlug: string; clientId: string };
}) {
  return (
    <StackedTable labelledBy="keys-heading" columns={["Description", "Key", "Thumbprint (SHA-256)", "Added", "Last used"]} withActions={!!manage}>
      {keys.map((key) => (
        <tr key={key.id} className={STACKED_ROW}>
          <td data-label="Description" className={CELL}>
            {key.description || <span className="text-slate-600">No description</span>}
          </td>
          <td data-label="Key" className={CELL}>
            <div>
              <div className="font-medium whitespace-nowrap">{key.summary}</div>
              <div className="text-xs text-slate-600">
                kid: {key.kid === key.thumbprint ? "the thumbprint" : <code className="font-mono break-all text-slate-800">{key.kid}</code>}
              </div>
            </div>
          </td>
          <td data-label="Thumbprint" className={CELL}>
            <div className="flex max-w-72 flex-wrap items-center gap-2">
              <code className="font-mono text-xs break-all">{key.thumbprint}</code>
              <CopyButton value={key.thumbprint} label={`thumbprint of key ${keyName(key)}`} />
            </div>
          </td>
          <td data-label="Added" className={CELL}>
            <AddedBy at={key.createdAt} by={key.createdByLabel} />
          </td>
          <td data-label="Last used" className={`${CELL} whitespace-nowrap`}>
            <LastUsed at={key.lastUsedAt} now={now} />
          </td>
          {manage && (
            <ActionsCell>
              <DeleteKeyButton
                tenantSlug={manage.tenantSlug}
                clientId={manage.clientId}
                clientKey={{
                  id: key.id,
                  kid: key.kid,
                  thumbprint: key.thumbprint,
                  summary: key.summary,
                  description: key.description,
                  lastUsedAt: key.lastUsedAt,
                  onlyKey: keys.length === 1,
                }}
              />
            </ActionsCell>
          )}
        </tr>
      ))}
    </StackedTable>
  );
}
