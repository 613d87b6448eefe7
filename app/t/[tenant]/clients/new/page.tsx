import type { Metadata } from "next";
import Link from "next/link";
import { CreateClientForm } from "@/components/clients/create-client-form";
import { Forbidden } from "@/components/ui/forbidden";
import { listTenantRoles } from "@/lib/roles/list-tenant-roles";
import { requireTenantPage } from "@/lib/tenants/require-tenant-page";

export const metadata: Metadata = { title: "Add client" };

export default async function NewClientPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requireTenantPage(tenant, "/clients/new");
  if (!ctx.isAdministrator) return <Forbidden backHref={`/t/${ctx.tenantSlug}/clients`} action="add and manage clients" />;
  const roles = await listTenantRoles(ctx);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <Link href={`/t/${ctx.tenantSlug}/clients`} className="text-sm text-blue-800 underline">
          ← Clients
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">Add a client-credentials client</h1>
        <p className="mt-1 text-sm text-slate-600">
          For server-to-server communication without a user: the application signs in with its Client Id and a secret.
          Create one client per device or application instance so each can be managed on its own.
        </p>
      </div>
      <CreateClientForm tenantSlug={ctx.tenantSlug} roles={roles} />
    </div>
  );
}
