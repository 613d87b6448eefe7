import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import type { TenantMember } from "@/lib/users/list-tenant-members";
import { EndSessionsButton } from "./end-sessions-button";
import { RemoveMemberButton } from "./remove-member-button";

function formatInstant(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

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
}: {
  tenantSlug: string;
  members: TenantMember[];
  currentUserId: string | null;
  canManage: boolean;
}) {
  const administrators = members.filter((m) => m.isAdministrator).length;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Members of this tenant</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-3">
              Email
            </th>
            <th scope="col" className="px-4 py-3">
              Name
            </th>
            <th scope="col" className="px-4 py-3">
              Roles
            </th>
            <th scope="col" className="px-4 py-3">
              Signs in with
            </th>
            <th scope="col" className="px-4 py-3">
              Last sign-in
            </th>
            {canManage && (
              <th scope="col" className="px-4 py-3">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {members.map((member) => {
            const isSelf = member.userId === currentUserId;
            return (
              <tr key={member.userId}>
                <th scope="row" className="min-w-48 px-4 py-3 text-left align-top font-medium break-words">
                  {member.email}
                  {isSelf && <span className="ml-2 text-xs font-normal text-slate-600">(you)</span>}
                </th>
                <td className="px-4 py-3 align-top">{member.name ?? <span className="text-slate-600">—</span>}</td>
                <td className="min-w-48 px-4 py-3 align-top">
                  {member.roles.join(", ")}
                  {member.isAdministrator && administrators === 1 && (
                    <span className="mt-1 block text-xs text-slate-600">The only Account Administrator: can’t be removed or demoted.</span>
                  )}
                </td>
                <td className="min-w-48 px-4 py-3 align-top">
                  <SignInMethod issuer={member.issuer} lastSignInAt={member.lastSignInAt} />
                </td>
                <td className="whitespace-nowrap px-4 py-3 align-top">
                  {member.lastSignInAt ? formatInstant(member.lastSignInAt) : <span className="text-slate-600">Never signed in</span>}
                </td>
                {canManage && (
                  <td className="px-4 py-3 align-top">
                    <div className="flex flex-wrap items-center justify-end gap-2">
                      <Link
                        href={`/t/${tenantSlug}/users/${member.userId}/roles`}
                        className={buttonClass("secondary")}
                        aria-label={`Change roles of ${member.email}`}
                      >
                        Change roles
                      </Link>
                      <EndSessionsButton tenantSlug={tenantSlug} member={{ userId: member.userId, email: member.email }} isSelf={isSelf} />
                      <RemoveMemberButton tenantSlug={tenantSlug} member={{ userId: member.userId, email: member.email }} isSelf={isSelf} />
                    </div>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
