import type { Metadata } from "next";
import { AddEnvironmentForm } from "@/components/environments/add-environment-form";
import { EnvironmentsList } from "@/components/environments/environments-list";
import { Banner } from "@/components/ui/banner";
import { listEnvironments } from "@/lib/environments/list-environments";
import { requireTenantPage } from "@/lib/tenants/require-tenant-page";

export const metadata: Metadata = { title: "Environments" };

export default async function EnvironmentsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requireTenantPage(tenant, "/environments");
  const environments = await listEnvironments(ctx);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Environments</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Every client belongs to one environment, such as Development or Production, and the access tokens it gets name it in their <code>environment</code>{" "}
          claim. Renaming an environment changes that claim in new tokens.
        </p>
      </div>
      {!ctx.isAdministrator && <Banner tone="info">You can view environments. Adding and changing them needs the Account Administrator role.</Banner>}
      {ctx.isAdministrator && <AddEnvironmentForm tenantSlug={ctx.tenantSlug} />}
      {environments.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
          <h2 className="text-lg font-medium">No environments</h2>
          <p className="mt-2 text-sm text-slate-600">
            Clients need an environment. {ctx.isAdministrator ? "Add one above." : "Ask an Account Administrator to add one."}
          </p>
        </div>
      ) : (
        <EnvironmentsList
          tenantSlug={ctx.tenantSlug}
          environments={environments.map(({ id, name, clientCount, isDefault }) => ({ id, name, clientCount, isDefault }))}
          canManage={ctx.isAdministrator}
        />
      )}
    </div>
  );
}
