import Link from "next/link";
import { AddedBy } from "@/components/credentials/credential-cells";
import { STACKED_CELL as CELL, STACKED_ROW, STACKED_TITLE_CELL, StackedTable, type StackedColumn } from "@/components/ui/stacked-table";
import type { ClientListItem } from "@/lib/clients/list-clients";
import { CLIENT_TYPE_LABELS, SECURITY_TYPE_LABELS, type TClientType } from "@/lib/validation/client";
import { clientListHref, nextSortOrder, type TClientListQueryParsed, type TClientListSort } from "@/lib/validation/client-list";
import { clientCredential } from "./client-credential";
import { ClientsExpiryCell, ClientsLastUsed } from "./clients-expiry-cell";

/**
 * The clients of one page of the list. Sortable headers are links (the order lives in the
 * URL like the filters); on a phone the rows stack into cards under a "Sort by" bar.
 */
export function ClientsTable({
  tenantSlug,
  clients,
  query,
  now,
  highlight,
}: {
  tenantSlug: string;
  clients: ClientListItem[];
  query: TClientListQueryParsed;
  now: number;
  /** The Client Id of a client just created: its row stands out. */
  highlight?: string | null;
}) {
  const sortable = (label: string, sort: TClientListSort, className?: string): StackedColumn => ({
    label,
    className,
    sort: {
      href: clientListHref(tenantSlug, { ...query, sort, order: nextSortOrder(query, sort), page: 1 }),
      current: query.sort === sort ? (query.order === "asc" ? "ascending" : "descending") : null,
    },
  });
  const columns: StackedColumn[] = [
    sortable("Name", "name"),
    sortable("Type", "type"),
    "Environment",
    "Roles",
    { label: "Secrets", className: "text-right" },
    sortable("Soonest expiry", "expiry"),
    sortable("Last used", "lastUsed"),
    sortable("Created", "created"),
  ];

  return (
    <StackedTable labelledBy="clients-caption" caption="Clients" columns={columns} withActions={false} dense>
      {clients.map((client) => {
        const credential = clientCredential(client);
        const hasSecrets = credential === "secrets";
        const isNew = client.clientId === highlight;
        return (
          <tr key={client.clientId} className={`${STACKED_ROW} ${isNew ? "bg-green-50" : "hover:bg-slate-50"}`}>
            <th scope="row" className={`${STACKED_TITLE_CELL} min-w-40 text-left align-top font-normal`}>
              <Link
                href={`/t/${tenantSlug}/clients/${client.clientId}`}
                className="font-medium wrap-anywhere text-blue-800 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-blue-700"
              >
                {client.name}
              </Link>
              {isNew && (
                <span className="ml-2 rounded bg-green-100 px-1.5 py-0.5 text-xs font-medium text-green-900">
                  New<span className="sr-only">: just created</span>
                </span>
              )}
              <div className="mt-0.5 font-mono text-xs text-slate-600 max-sm:break-all sm:whitespace-nowrap">
                <span className="sr-only">Client Id: </span>
                {client.clientId}
              </div>
            </th>
            <td data-label="Type" className={`${CELL} align-top whitespace-nowrap`}>
              <div>
                {CLIENT_TYPE_LABELS[client.type as TClientType] ?? client.type}
                {credential === "keys" && <div className="text-xs text-slate-600">{SECURITY_TYPE_LABELS["signed-jwt"]}</div>}
              </div>
            </td>
            <td data-label="Environment" className={`${CELL} align-top`}>
              {client.environment}
            </td>
            <td data-label="Roles" className={`${CELL} align-top`}>
              {client.roles.join(", ")}
            </td>
            <td data-label="Secrets" className={`${CELL} align-top tabular-nums sm:text-right`}>
              {hasSecrets ? (
                client.secretCount
              ) : (
                <NotApplicable why={credential === "keys" ? "signed JWT clients have keys, not secrets" : "authorization code clients have no secrets"} />
              )}
            </td>
            <td data-label="Soonest expiry" className={`${CELL} align-top`}>
              {hasSecrets ? (
                <ClientsExpiryCell expiry={client.soonestExpiry} secretCount={client.secretCount} now={now} />
              ) : (
                <NotApplicable why={credential === "keys" ? "keys do not expire" : "no secrets"} />
              )}
            </td>
            <td data-label="Last used" className={`${CELL} align-top whitespace-nowrap`}>
              {credential ? <ClientsLastUsed lastUsedAt={client.lastUsedAt} now={now} /> : <NotApplicable why="no secrets" />}
            </td>
            <td data-label="Created" className={`${CELL} align-top`}>
              <AddedBy at={client.createdAt} by={client.createdByLabel} />
            </td>
          </tr>
        );
      })}
    </StackedTable>
  );
}

function NotApplicable({ why }: { why: string }) {
  return (
    <span>
      <span aria-hidden="true" className="text-slate-500">
        —
      </span>
      <span className="sr-only">Not applicable: {why}</span>
    </span>
  );
}
