import type { Metadata } from "next";
import Link from "next/link";
import { CreateClientForm } from "@/components/clients/create-client-form";
import { Forbidden } from "@/components/ui/forbidden";
import { listEnvironments } from "@/lib/environments/list-environments";
import { listTenantRoles } from "@/lib/roles/list-tenant-roles";
import { getTenantSettings } from "@/lib/tenants/get-tenant-settings";
import { requireTenantPage } from "@/lib/tenants/require-tenant-page";
import { CLIENT_TYPES, type TClientType } from "@/lib/validation/client";

export const metadata: Metadata = { title: "Add client" };

export default async function NewClientPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<{ type?: string | string[] }>;
}) {
  const [{ tenant }, { type }] = await Promise.all([params, searchParams]);
  const ctx = await requireTenantPage(tenant, "/clients/new");
  if (!ctx.isAdministrator) return <Forbidden backHref={`/t/${ctx.tenantSlug}/clients`} action="add and manage clients" />;
  const [roles, environments, settings] = await Promise.all([listTenantRoles(ctx), listEnvironments(ctx), getTenantSettings(ctx)]);
  // Seed 003: client-credentials is the default choice.
  const typeInUrl = (CLIENT_TYPES as readonly unknown[]).includes(type);
  const initialType = typeInUrl ? (type as TClientType) : "client-credentials";

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <Link href={`/t/${ctx.tenantSlug}/clients`} className="text-sm text-blue-800 underline">
          ← Clients
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">Add a client</h1>
        <p className="mt-1 text-sm text-slate-600">
          A client lets an application or device sign in. Create a separate client for each application or device, so each can be managed and revoked on its
          own.
        </p>
      </div>
      <CreateClientForm
        tenantSlug={ctx.tenantSlug}
        initialType={initialType}
        typeInUrl={typeInUrl}
        roles={roles}
        environments={environments.map(({ id, name }) => ({ id, name }))}
        settings={settings}
      />
    </div>
  );
}
