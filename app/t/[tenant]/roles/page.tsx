import type { Metadata } from "next";
import { CreateRoleForm } from "@/components/roles/create-role-form";
import { RolesTable } from "@/components/roles/roles-table";
import { Banner } from "@/components/ui/banner";
import { listRolesWithUsage } from "@/lib/roles/list-roles-with-usage";
import { requireTenantPage } from "@/lib/tenants/require-tenant-page";

export const metadata: Metadata = { title: "Roles" };

export default async function RolesPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requireTenantPage(tenant, "/roles");
  const roles = await listRolesWithUsage(ctx);
  const hasCustomRoles = roles.some((role) => !role.builtIn);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Roles</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Roles say what a user or client may do. Access tokens of client-credentials clients list their roles in the <code>roles</code> claim, so your APIs can
          decide what to allow. The two built-in roles are part of how Latchkey works and are protected; custom roles are yours to define.
        </p>
      </div>
      {!ctx.isAdministrator && <Banner tone="info">You can view roles. Creating and changing them needs the Account Administrator role.</Banner>}
      {ctx.isAdministrator && <CreateRoleForm tenantSlug={ctx.tenantSlug} />}
      <RolesTable tenantSlug={ctx.tenantSlug} roles={roles} canManage={ctx.isAdministrator} />
      {!hasCustomRoles && (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          <h2 className="text-lg font-medium">No custom roles yet</h2>
          <p className="mt-2 text-sm text-slate-600">
            {ctx.isAdministrator
              ? "Create one above, e.g. “Historian readers”, then assign it on a client’s or user’s Roles page."
              : "An Account Administrator can create them."}
          </p>
        </div>
      )}
    </div>
  );
}
