import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RoleAssignmentForm } from "@/components/roles/role-assignment-form";
import { Banner } from "@/components/ui/banner";
import { DomainError } from "@/lib/errors";
import { ACCOUNT_ADMINISTRATOR } from "@/lib/roles/built-in-roles";
import { listTenantRoles } from "@/lib/roles/list-tenant-roles";
import { requireTenantPage } from "@/lib/tenants/require-tenant-page";
import { actorUserId } from "@/lib/tenants/tenant-context";
import { getTenantMember } from "@/lib/users/get-tenant-member";

export const metadata: Metadata = { title: "User roles" };

/** Role assignment for one member; others see their roles read-only. */
export default async function UserRolesPage({ params }: { params: Promise<{ tenant: string; userId: string }> }) {
  const { tenant, userId } = await params;
  const ctx = await requireTenantPage(tenant, `/users/${encodeURIComponent(userId)}/roles`);
  const [member, roles] = await Promise.all([
    getTenantMember(ctx, userId).catch((error: unknown) => {
      // A user of another tenant answers exactly like one that does not exist.
      if (error instanceof DomainError && error.code === "NOT_FOUND") notFound();
      throw error;
    }),
    listTenantRoles(ctx),
  ]);
  // The only Account Administrator keeps the role: offered disabled, with why (the server refuses it regardless).
  const fixedReason = `${member.userId === actorUserId(ctx.actor) ? "You are" : "This is"} the tenant’s only Account Administrator: give the role to another member first.`;
  const options = member.isLastAdministrator ? roles.map((role) => (role.builtIn === ACCOUNT_ADMINISTRATOR ? { ...role, fixedReason } : role)) : roles;

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <Link href={`/t/${ctx.tenantSlug}/users`} className="text-sm text-blue-800 underline">
          ← Users
        </Link>
        <h1 className="mt-2 text-2xl font-semibold break-words">Roles of {member.email}</h1>
        {member.name && <p className="text-sm text-slate-600">{member.name}</p>}
        <p className="mt-1 text-sm text-slate-600">
          Changes apply at the member’s next page load or action. Account Administrator lets them manage this tenant.
        </p>
      </div>
      {ctx.isAdministrator ? (
        <RoleAssignmentForm
          tenantSlug={ctx.tenantSlug}
          target={{ kind: "user", userId: member.userId, label: member.email }}
          roles={options}
          assignedRoleIds={member.roleIds}
          lockedReason="Every member has this role; it can’t be removed."
        />
      ) : (
        <>
          <Banner tone="info">You can view roles. Changing them needs the Account Administrator role.</Banner>
          <ul className="list-disc space-y-1 rounded-lg border border-slate-200 bg-white py-4 pr-4 pl-8 text-sm" aria-label={`Roles of ${member.email}`}>
            {member.roleNames.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
