import type { Metadata } from "next";
import { AddMemberForm } from "@/components/users/add-member-form";
import { MembersTable } from "@/components/users/members-table";
import { Banner } from "@/components/ui/banner";
import { listTenantRoles } from "@/lib/roles/list-tenant-roles";
import { actorUserId } from "@/lib/tenants/tenant-context";
import { requireTenantPage } from "@/lib/tenants/require-tenant-page";
import { listTenantMembers } from "@/lib/users/list-tenant-members";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requireTenantPage(tenant, "/users");
  const [members, roles] = await Promise.all([listTenantMembers(ctx), ctx.isAdministrator ? listTenantRoles(ctx) : []]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Users</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          The people who can sign in to this tenant’s portal. Every member has Account Member; Account Administrators manage the tenant. A tenant always keeps
          at least one Account Administrator.
        </p>
      </div>
      {!ctx.isAdministrator && <Banner tone="info">You can view the members. Adding, removing and changing roles needs the Account Administrator role.</Banner>}
      {ctx.isAdministrator && <AddMemberForm tenantSlug={ctx.tenantSlug} roles={roles} />}
      <div className="space-y-3">
        <h2 id="members-heading" className="text-base font-semibold">
          Members ({members.length})
        </h2>
        <MembersTable
          tenantSlug={ctx.tenantSlug}
          members={members}
          currentUserId={actorUserId(ctx.actor)}
          canManage={ctx.isAdministrator}
          labelledBy="members-heading"
        />
      </div>
    </div>
  );
}
