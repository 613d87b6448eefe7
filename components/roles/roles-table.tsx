import { ActionsCell, STACKED_CELL as CELL, STACKED_ROW, STACKED_TITLE_CELL, StackedTable } from "@/components/ui/stacked-table";
import type { RoleWithUsage } from "@/lib/roles/list-roles-with-usage";
import { BUILT_IN_ROLE_TEXT } from "./built-in-role-text";
import { RoleRowActions } from "./role-row-actions";

const count = (n: number, word: string) => (n === 0 ? "None" : `${n} ${word}${n === 1 ? "" : "s"}`);

/** The tenant's roles with how many users and clients hold each; only custom roles can be changed. */
export function RolesTable({ tenantSlug, roles, canManage }: { tenantSlug: string; roles: RoleWithUsage[]; canManage: boolean }) {
  return (
    <StackedTable labelledBy="roles-caption" caption="Roles" columns={["Role", "Users", "Clients"]} withActions>
      {roles.map((role) => (
        // The audit log links to a role's row (#role-<id>).
        <tr key={role.id} id={`role-${role.id}`} className={`${STACKED_ROW} scroll-mt-4 target:bg-blue-50`}>
          <th scope="row" className={`${STACKED_TITLE_CELL} max-w-md min-w-56 text-left align-top font-normal max-sm:max-w-none max-sm:min-w-0`}>
            <span className="font-medium text-slate-900">{role.name}</span>
            {role.builtIn && <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs whitespace-nowrap text-slate-700">Built-in</span>}
            <span className="mt-1 block text-xs text-slate-600">{role.builtIn ? BUILT_IN_ROLE_TEXT[role.builtIn] : role.description || "No description"}</span>
          </th>
          <td data-label="Users" className={`${CELL} align-top whitespace-nowrap`}>
            {count(role.userCount, "user")}
          </td>
          <td data-label="Clients" className={`${CELL} align-top whitespace-nowrap`}>
            {count(role.clientCount, "client")}
          </td>
          <ActionsCell>
            {role.builtIn ? (
              <span className="text-right text-xs text-slate-600 max-sm:text-left">Protected: can’t be renamed or deleted</span>
            ) : (
              canManage && <RoleRowActions tenantSlug={tenantSlug} role={role} />
            )}
          </ActionsCell>
        </tr>
      ))}
    </StackedTable>
  );
}
