import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RoleAssignmentForm } from "@/components/roles/role-assignment-form";
import { Banner } from "@/components/ui/banner";
import { DomainError } from "@/lib/errors";
import { getClientRoles } from "@/lib/roles/get-client-roles";
import { listTenantRoles } from "@/lib/roles/list-tenant-roles";
import { requireTenantPage } from "@/lib/tenants/require-tenant-page";
import { CLIENT_ROLES_NOT_USED, clientTypeCarriesRoles } from "@/lib/validation/role";

export const metadata: Metadata = { title: "Client roles" };

/** The Roles tab of a client: administrators choose its roles, others see them. */
export default async function ClientRolesPage({ params }: { params: Promise<{ tenant: string; clientId: string }> }) {
  const { tenant, clientId } = await params;
  const ctx = await requireTenantPage(tenant, `/clients/${encodeURIComponent(clientId)}/roles`);
  const [client, roles] = await Promise.all([
    getClientRoles(ctx, clientId).catch((error: unknown) => {
      // Another tenant's client answers exactly like one that does not exist.
      if (error instanceof DomainError && error.code === "NOT_FOUND") notFound();
      throw error;
    }),
    listTenantRoles(ctx),
  ]);

  return (
    <section aria-labelledby="roles-heading" className="space-y-4">
      <div className="space-y-1">
        <h2 id="roles-heading" className="text-xl font-semibold">
          Roles
        </h2>
        {clientTypeCarriesRoles(client.type) && (
          <p className="max-w-3xl text-sm text-slate-600">
            The roles this client acts with. Its access tokens list them in the <code>roles</code> claim from the next token on; tokens already issued keep
            their roles until they expire.
          </p>
        )}
      </div>
      {!clientTypeCarriesRoles(client.type) ? (
        <div className="max-w-3xl space-y-2 rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-700">
          <p>{CLIENT_ROLES_NOT_USED}</p>
          <p>
            To change what people can do through this application, change their roles on the{" "}
            <a href={`/t/${ctx.tenantSlug}/users`} className="text-blue-800 underline">
              Users
            </a>{" "}
            page.
          </p>
        </div>
      ) : ctx.isAdministrator ? (
        <RoleAssignmentForm
          tenantSlug={ctx.tenantSlug}
          target={{ kind: "client", clientId: client.clientId, label: client.name }}
          roles={roles}
          assignedRoleIds={client.roleIds}
          lockedReason="Every client has this role; it can’t be removed."
        />
      ) : (
        <>
          <Banner tone="info">You can view this client’s roles. Changing them needs the Account Administrator role.</Banner>
          <ul className="list-disc space-y-1 rounded-lg border border-slate-200 bg-white py-4 pr-4 pl-8 text-sm" aria-label={`Roles of ${client.name}`}>
            {client.roleNames.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
