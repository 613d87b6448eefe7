import type { RoleWithUsage } from "@/lib/roles/list-roles-with-usage";
import { BUILT_IN_ROLE_TEXT } from "./built-in-role-text";
import { RoleRowActions } from "./role-row-actions";

const count = (n: number, word: string) => (n === 0 ? "None" : `${n} ${word}${n === 1 ? "" : "s"}`);

/** The tenant's roles with how many users and clients hold each; only custom roles can be changed. */
export function RolesTable({ tenantSlug, roles, canManage }: { tenantSlug: string; roles: RoleWithUsage[]; canManage: boolean }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Roles</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-3">
              Role
            </th>
            <th scope="col" className="px-4 py-3">
              Users
            </th>
            <th scope="col" className="px-4 py-3">
              Clients
            </th>
            <th scope="col" className="px-4 py-3">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {roles.map((role) => (
            // The audit log links to a role's row (#role-<id>).
            <tr key={role.id} id={`role-${role.id}`} className="scroll-mt-4 target:bg-blue-50">
              <th scope="row" className="min-w-56 max-w-md px-4 py-3 text-left align-top font-normal">
                <span className="font-medium text-slate-900">{role.name}</span>
                {role.builtIn && <span className="ml-2 whitespace-nowrap rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">Built-in</span>}
                <span className="mt-1 block text-xs text-slate-600">
                  {role.builtIn ? BUILT_IN_ROLE_TEXT[role.builtIn] : role.description || "No description"}
                </span>
              </th>
              <td className="whitespace-nowrap px-4 py-3 align-top">{count(role.userCount, "user")}</td>
              <td className="whitespace-nowrap px-4 py-3 align-top">{count(role.clientCount, "client")}</td>
              <td className="px-4 py-3 align-top">
                {role.builtIn ? (
                  <span className="block text-right text-xs text-slate-600">Protected: can’t be renamed or deleted</span>
                ) : (
                  canManage && <RoleRowActions tenantSlug={tenantSlug} role={role} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
