import "server-only";
import { db } from "@/lib/db/prisma";
import { ACCOUNT_ADMINISTRATOR } from "@/lib/roles/built-in-roles";
import type { TenantContext } from "@/lib/tenants/tenant-context";

export type TenantMember = {
  userId: string;
  email: string;
  name: string | null;
  /** Role names, Account Administrator first, then alphabetical. */
  roles: string[];
  isAdministrator: boolean;
  lastSignInAt: Date | null;
  /** The identity provider's issuer this person is bound to; null until their first sign-in through it. */
  issuer: string | null;
  memberSince: Date;
};

/** The tenant's members for the Users page (every member may see it; only admins change it). */
export async function listTenantMembers(ctx: TenantContext): Promise<TenantMember[]> {
  const memberships = await db.membership.findMany({
    where: { tenantId: ctx.tenantId },
    select: {
      createdAt: true,
      user: { select: { id: true, email: true, name: true, lastSignInAt: true, issuer: true } },
      roles: { select: { role: { select: { name: true, builtIn: true } } } },
    },
  });
  return memberships
    .map((m) => {
      const isAdministrator = m.roles.some((r) => r.role.builtIn === ACCOUNT_ADMINISTRATOR);
      const roles = m.roles
        .map((r) => r.role)
        .sort((a, b) => Number(b.builtIn === ACCOUNT_ADMINISTRATOR) - Number(a.builtIn === ACCOUNT_ADMINISTRATOR) || a.name.localeCompare(b.name))
        .map((role) => role.name);
      return {
        userId: m.user.id,
        email: m.user.email,
        name: m.user.name,
        roles,
        isAdministrator,
        lastSignInAt: m.user.lastSignInAt,
        issuer: m.user.issuer,
        memberSince: m.createdAt,
      };
    })
    .sort((a, b) => a.email.localeCompare(b.email));
}
