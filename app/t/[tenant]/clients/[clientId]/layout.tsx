import Link from "next/link";
import type { ReactNode } from "react";
import { clientCredential } from "@/components/clients/client-credential";
import { ClientTabs } from "@/components/clients/client-tabs";
import { CopyButton } from "@/components/ui/copy-button";
import { CLIENT_TYPE_LABELS, SECURITY_TYPE_LABELS } from "@/lib/validation/client";
import { loadClientPage } from "./load-client-page";

const CREDENTIAL_TABS = { secrets: "Secrets", keys: "Keys" } as const;

/** The client page: who it is (name, type, security, Client Id, environment) and its sections. */
export default async function ClientLayout({ children, params }: { children: ReactNode; params: Promise<{ tenant: string; clientId: string }> }) {
  const { tenant, clientId } = await params;
  const { ctx, client } = await loadClientPage(tenant, clientId);
  const base = `/t/${ctx.tenantSlug}/clients/${client.clientId}`;
  // Authorization code clients are public clients: nothing to manage. Signed-JWT clients have keys, not secrets.
  const credential = clientCredential(client);
  const tabs = [
    { href: base, label: "Details" },
    ...(credential ? [{ href: `${base}/${credential}`, label: CREDENTIAL_TABS[credential] }] : []),
    { href: `${base}/roles`, label: "Roles" },
    { href: `${base}/connect`, label: "Connect" },
  ];
  // Seed 004's security type is a choice for client-credentials clients only.
  const facts = [
    { label: "Type", value: CLIENT_TYPE_LABELS[client.type] },
    ...(client.type === "client-credentials" ? [{ label: "Security", value: SECURITY_TYPE_LABELS[client.securityType] }] : []),
    { label: "Environment", value: client.environment.name },
  ];

  return (
    <div className="space-y-6">
      <div className="space-y-3">
        <Link href={`/t/${ctx.tenantSlug}/clients`} className="text-sm text-blue-800 underline">
          ← Clients
        </Link>
        <h1 className="text-2xl font-semibold break-words">{client.name}</h1>
        <dl className={`grid gap-x-8 gap-y-3 text-sm ${facts.length === 3 ? "sm:grid-cols-[auto_auto_auto_1fr]" : "sm:grid-cols-[auto_auto_1fr]"}`}>
          {facts.map((fact) => (
            <div key={fact.label}>
              <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase">{fact.label}</dt>
              <dd className="mt-1">{fact.value}</dd>
            </div>
          ))}
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
