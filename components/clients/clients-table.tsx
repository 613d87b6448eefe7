import type { ClientListItem } from "@/lib/clients/list-clients";
import { CLIENT_TYPE_LABELS, type TClientType } from "@/lib/validation/client";

const DAY = 24 * 60 * 60 * 1000;

function formatDate(date: Date | null, empty: string) {
  return date ? date.toISOString().slice(0, 10) : empty;
}

function ExpiryCell({ expiry, now }: { expiry: Date | null; now: number }) {
  if (!expiry) return <span className="text-slate-500">—</span>;
  const left = expiry.getTime() - now;
  if (left <= 0) return <span className="font-medium text-red-700">Expired {formatDate(expiry, "")}</span>;
  if (left < 30 * DAY) return <span className="font-medium text-amber-700">{formatDate(expiry, "")} (soon)</span>;
  return <span>{formatDate(expiry, "")}</span>;
}

export function ClientsTable({ clients, now }: { clients: ClientListItem[]; now: number }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Clients</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-3">Type</th>
            <th scope="col" className="px-4 py-3">Name</th>
            <th scope="col" className="px-4 py-3">Client Id</th>
            <th scope="col" className="px-4 py-3">Roles</th>
            <th scope="col" className="px-4 py-3">Secrets</th>
            <th scope="col" className="px-4 py-3">Soonest expiry</th>
            <th scope="col" className="px-4 py-3">Last used</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {clients.map((client) => (
            <tr key={client.clientId}>
              <td className="whitespace-nowrap px-4 py-3">{CLIENT_TYPE_LABELS[client.type as TClientType] ?? client.type}</td>
              <td className="px-4 py-3 font-medium">{client.name}</td>
              <td className="whitespace-nowrap px-4 py-3 font-mono text-xs">{client.clientId}</td>
              <td className="px-4 py-3">{client.roles.join(", ")}</td>
              <td className="px-4 py-3">{client.secretCount}</td>
              <td className="whitespace-nowrap px-4 py-3">
                <ExpiryCell expiry={client.soonestExpiry} now={now} />
              </td>
              <td className="whitespace-nowrap px-4 py-3">{formatDate(client.lastUsedAt, "Never")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
