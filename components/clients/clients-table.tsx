import Link from "next/link";
import type { ClientListItem } from "@/lib/clients/list-clients";
import { CLIENT_TYPE_LABELS, SECURITY_TYPE_LABELS, type TClientType } from "@/lib/validation/client";
import { clientCredential } from "./client-credential";
import { ClientsExpiryCell, ClientsLastUsed } from "./clients-expiry-cell";

export function ClientsTable({ tenantSlug, clients, now }: { tenantSlug: string; clients: ClientListItem[]; now: number }) {
  return (
    // Scrolls sideways on a narrow window instead of squeezing the columns; focusable so
    // keyboard users can scroll it too.
    <div
      role="region"
      aria-labelledby="clients-caption"
      tabIndex={0}
      className="overflow-x-auto rounded-lg border border-slate-200 bg-white focus-visible:outline-2 focus-visible:outline-blue-700"
    >
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption id="clients-caption" className="sr-only">
          Clients
        </caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold text-slate-700">
          <tr>
            <th scope="col" className="px-2.5 py-3">
              Type
            </th>
            <th scope="col" className="px-2.5 py-3">
              Name
            </th>
            <th scope="col" className="px-2.5 py-3">
              Client Id
            </th>
            <th scope="col" className="px-2.5 py-3">
              Environment
            </th>
            <th scope="col" className="px-2.5 py-3">
              Roles
            </th>
            <th scope="col" className="px-2.5 py-3 text-right">
              Secrets
            </th>
            <th scope="col" className="px-2.5 py-3">
              Soonest expiry
            </th>
            <th scope="col" className="px-2.5 py-3">
              Last used
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {clients.map((client) => {
            const credential = clientCredential(client);
            const hasSecrets = credential === "secrets";
            return (
              <tr key={client.clientId} className="hover:bg-slate-50">
                <td className="whitespace-nowrap px-2.5 py-3">
                  {CLIENT_TYPE_LABELS[client.type as TClientType] ?? client.type}
                  {credential === "keys" && <div className="text-xs text-slate-600">{SECURITY_TYPE_LABELS["signed-jwt"]}</div>}
                </td>
                <td className="min-w-32 px-2.5 py-3 font-medium">
                  <Link
                    href={`/t/${tenantSlug}/clients/${client.clientId}`}
                    className="text-blue-800 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-blue-700"
                  >
                    {client.name}
                  </Link>
                </td>
                <td className="whitespace-nowrap px-2.5 py-3 font-mono text-xs">{client.clientId}</td>
                <td className="whitespace-nowrap px-2.5 py-3">{client.environment}</td>
                <td className="min-w-32 px-2.5 py-3">{client.roles.join(", ")}</td>
                <td className="px-2.5 py-3 text-right tabular-nums">
                  {hasSecrets ? (
                    client.secretCount
                  ) : (
                    <NotApplicable why={credential === "keys" ? "signed JWT clients have keys, not secrets" : "authorization code clients have no secrets"} />
                  )}
                </td>
                <td className="min-w-32 px-2.5 py-3">
                  {hasSecrets ? (
                    <ClientsExpiryCell expiry={client.soonestExpiry} secretCount={client.secretCount} now={now} />
                  ) : (
                    <NotApplicable why={credential === "keys" ? "keys do not expire" : "no secrets"} />
                  )}
                </td>
                <td className="whitespace-nowrap px-2.5 py-3">
                  {credential ? <ClientsLastUsed lastUsedAt={client.lastUsedAt} now={now} /> : <NotApplicable why="no secrets" />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function NotApplicable({ why }: { why: string }) {
  return (
    <>
      <span aria-hidden="true" className="text-slate-500">
        —
      </span>
      <span className="sr-only">Not applicable: {why}</span>
    </>
  );
}
