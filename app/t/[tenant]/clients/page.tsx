import type { Metadata } from "next";
import Link from "next/link";
import { ClientsTable } from "@/components/clients/clients-table";
import { Banner } from "@/components/ui/banner";
import { buttonClass } from "@/components/ui/button";
import { getClientName } from "@/lib/clients/get-client-name";
import { listClients } from "@/lib/clients/list-clients";
import { requireTenantPage } from "@/lib/tenants/require-tenant-page";

export const metadata: Metadata = { title: "Clients" };

export default async function ClientsPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const [{ tenant }, { created }] = await Promise.all([params, searchParams]);
  const ctx = await requireTenantPage(tenant, "/clients");
  const [clients, createdName] = await Promise.all([
    listClients(ctx),
    typeof created === "string" ? getClientName(ctx, created) : null,
  ]);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">Clients</h1>
        {ctx.isAdministrator && (
          <Link href={`/t/${ctx.tenantSlug}/clients/new`} className={buttonClass()}>
            Add client
          </Link>
        )}
      </div>
      {createdName && (
        <Banner tone="success">
          Client “{createdName}” was created. Its secret is not stored anywhere; if it was not saved, add a new secret.
        </Banner>
      )}
      {!ctx.isAdministrator && (
        <Banner tone="info">You can view clients. Adding and changing them needs the Account Administrator role.</Banner>
      )}
      {clients.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
          <h2 className="text-lg font-medium">No clients yet</h2>
          <p className="mt-2 text-sm text-slate-600">
            A client lets an application or device sign in to the platform. {ctx.isAdministrator ? "Add one to get a Client Id and secret." : ""}
          </p>
        </div>
      ) : (
        <ClientsTable clients={clients} now={Date.now()} />
      )}
    </div>
  );
}
