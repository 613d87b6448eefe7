import Link from "next/link";
import type { ReactNode } from "react";
import { ClientTabs } from "@/components/clients/client-tabs";
import { CopyButton } from "@/components/ui/copy-button";
import { CLIENT_TYPE_LABELS, CONFIDENTIAL_TYPES } from "@/lib/validation/client";
import { loadClientPage } from "./load-client-page";

/** The client page: who it is (name, type, Client Id, environment) and its sections. */
export default async function ClientLayout({ children, params }: { children: ReactNode; params: Promise<{ tenant: string; clientId: string }> }) {
  const { tenant, clientId } = await params;
  const { ctx, client } = await loadClientPage(tenant, clientId);
  const base = `/t/${ctx.tenantSlug}/clients/${client.clientId}`;
  const tabs = [
    { href: base, label: "Details" },
    // Authorization code clients are public clients: they have no secrets to manage.
    ...(CONFIDENTIAL_TYPES.includes(client.type) ? [{ href: `${base}/secrets`, label: "Secrets" }] : []),
    { href: `${base}/roles`, label: "Roles" },
  ];

  return (
    <div className="space-y-6">
      <div className="space-y-3">
        <Link href={`/t/${ctx.tenantSlug}/clients`} className="text-sm text-blue-800 underline">
          ← Clients
        </Link>
        <h1 className="text-2xl font-semibold break-words">{client.name}</h1>
        <dl className="grid gap-x-8 gap-y-3 text-sm sm:grid-cols-[auto_auto_1fr]">
          <div>
            <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase">Type</dt>
            <dd className="mt-1">{CLIENT_TYPE_LABELS[client.type]}</dd>
          </div>
          <div>
            <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase">Environment</dt>
            <dd className="mt-1">{client.environment.name}</dd>
          </div>
          <div className="min-w-0">
            <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase">Client Id</dt>
            <dd className="mt-1 flex flex-wrap items-center gap-2">
              <code className="font-mono text-sm break-all">{client.clientId}</code>
              <CopyButton value={client.clientId} label="Client Id" />
            </dd>
          </div>
        </dl>
      </div>
      <ClientTabs tabs={tabs} />
      <div>{children}</div>
    </div>
  );
}
