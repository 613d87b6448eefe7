import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { ActionsCell, STACKED_CELL as CELL, STACKED_ROW, StackedTable } from "@/components/ui/stacked-table";
import { formatDateTime } from "@/lib/secrets/secret-status";
import type { TenantMember } from "@/lib/users/list-tenant-members";
import { EndSessionsButton } from "./end-sessions-button";
import { RemoveMemberButton } from "./remove-member-button";

/**
 * Bound to an identity at the provider (by the first sign-in through it); signed in only
 * through development sign-in (which binds nothing); or not signed in yet.
 */
function SignInMethod({ issuer, lastSignInAt }: { issuer: string | null; lastSignInAt: Date | null }) {
  if (!issuer) return <span className="text-slate-600">{lastSignInAt ? "Development sign-in" : "Waiting for a first sign-in"}</span>;
  return (
    <>
      Identity provider
      <span className="block break-all font-mono text-xs text-slate-600">{issuer}</span>
    </>
  );
}

/** The tenant's members; administrators get links to change roles, sign a member out everywhere, and remove. */
export function MembersTable({
  tenantSlug,
  members,
  currentUserId,
  canManage,
  labelledBy,
}: {
  tenantSlug: string;
  members: TenantMember[];
  currentUserId: string | null;
  canManage: boolean;
  /** The heading that names the table. */
  labelledBy: string;
}) {
  const administrators = members.filter((m) => m.isAdministrator).length;
  return (
    <StackedTable labelledBy={labelledBy} columns={["Email", "Name", "Roles", "Signs in with", "Last sign-in"]} withActions={canManage}>
      {members.map((member) => {
        const isSelf = member.userId === currentUserId;
        const onlyAdministrator = member.isAdministrator && administrators === 1;
        return (
          <tr key={member.userId} className={STACKED_ROW}>
            <th scope="row" data-label="Email" className={`${CELL} text-left align-top font-medium break-words sm:min-w-48`}>
              <span className="min-w-0">
                {member.email}
                {isSelf && <span className="ml-2 text-xs font-normal text-slate-600">(you)</span>}
              </span>
            </th>
            <td data-label="Name" className={`${CELL} align-top`}>
              {member.name ?? <span className="text-slate-600">—</span>}
            </td>
            <td data-label="Roles" className={`${CELL} align-top sm:min-w-48`}>
              <span className="min-w-0">
                {member.roles.join(", ")}
                {/* Administrators read it next to the disabled Remove button instead. */}
                {onlyAdministrator && !canManage && (
                  <span className="mt-1 block text-xs text-slate-600">The only Account Administrator: can’t be removed or demoted.</span>
                )}
              </span>
            </td>
            <td data-label="Signs in with" className={`${CELL} align-top sm:min-w-48`}>
              <span className="min-w-0">
                <SignInMethod issuer={member.issuer} lastSignInAt={member.lastSignInAt} />
              </span>
            </td>
            <td data-label="Last sign-in" className={`${CELL} align-top whitespace-nowrap`}>
              {member.lastSignInAt ? formatDateTime(member.lastSignInAt) : <span className="text-slate-600">Never signed in</span>}
            </td>
            {canManage && (
              <ActionsCell>
                <div className="flex flex-wrap items-center justify-end gap-2 max-sm:justify-start">
                  <Link
                    href={`/t/${tenantSlug}/users/${member.userId}/roles`}
                    className={buttonClass("secondary")}
                    aria-label={`Change roles of ${member.email}`}
                  >
                    Change roles
                  </Link>
                  <EndSessionsButton tenantSlug={tenantSlug} member={{ userId: member.userId, email: member.email }} isSelf={isSelf} />
                  <RemoveMemberButton
                    tenantSlug={tenantSlug}
                    member={{ userId: member.userId, email: member.email }}
                    isSelf={isSelf}
                    onlyAdministrator={onlyAdministrator}
                  />
                </div>
              </ActionsCell>
            )}
          </tr>
        );
      })}
    </StackedTable>
  );
}
