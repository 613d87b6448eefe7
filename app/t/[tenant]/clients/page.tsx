import type { Metadata } from "next";
import Link from "next/link";
import { ClientsEmptyState } from "@/components/clients/clients-empty-state";
import { ClientsFilters } from "@/components/clients/clients-filters";
import { ClientsPagination } from "@/components/clients/clients-pagination";
import { ClientsTable } from "@/components/clients/clients-table";
import { CreatedClientBanner } from "@/components/clients/created-client-banner";
import { Banner } from "@/components/ui/banner";
import { buttonClass } from "@/components/ui/button";
import { getClientName } from "@/lib/clients/get-client-name";
import { listClients } from "@/lib/clients/list-clients";
import { requireTenantPage } from "@/lib/tenants/require-tenant-page";
import { clientListQueryFromSearchParams } from "@/lib/validation/client-list";

export const metadata: Metadata = { title: "Clients" };

// Filters, search, sort and page live in the URL, so every view of the list is a link to share
// and Back returns to the previous one.
export default async function ClientsPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ tenant }, search] = await Promise.all([params, searchParams]);
  const ctx = await requireTenantPage(tenant, "/clients");
  const query = clientListQueryFromSearchParams(search);
  // A Client Id: the client just created, confirmed at the top and highlighted in its row.
  const created = typeof search.created === "string" ? search.created.toLowerCase() : null;
  const [list, createdName] = await Promise.all([listClients(ctx, query), created ? getClientName(ctx, created) : null]);
  const filtered = Boolean(query.type || query.environment || query.q);
  const tenantHasClients = list.total > 0 || filtered;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">Clients</h1>
        {ctx.isAdministrator && (
          <Link href={`/t/${ctx.tenantSlug}/clients/new${query.type ? `?type=${query.type}` : ""}`} className={buttonClass()}>
            Add client
          </Link>
        )}
      </div>
      {created && createdName && <CreatedClientBanner key={created} tenantSlug={ctx.tenantSlug} client={{ clientId: created, name: createdName }} />}
      {!ctx.isAdministrator && <Banner tone="info">You can view clients. Adding and changing them needs the Account Administrator role.</Banner>}
      {tenantHasClients && <ClientsFilters tenantSlug={ctx.tenantSlug} query={query} environments={list.environments} />}
      {list.clients.length === 0 ? (
        <ClientsEmptyState tenantSlug={ctx.tenantSlug} filtered={filtered} isAdministrator={ctx.isAdministrator} query={query} />
      ) : (
        <>
          <ClientsTable tenantSlug={ctx.tenantSlug} clients={list.clients} query={query} now={Date.now()} highlight={created} />
          <ClientsPagination
            tenantSlug={ctx.tenantSlug}
            query={query}
            page={list.page}
            pageCount={list.pageCount}
            total={list.total}
            shown={list.clients.length}
          />
        </>
      )}
    </div>
  );
}
