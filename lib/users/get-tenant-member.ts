import "server-only";
import { db } from "@/lib/db/prisma";
import { ACCOUNT_ADMINISTRATOR } from "@/lib/roles/built-in-roles";
import type { TenantContext } from "@/lib/tenants/tenant-context";
import { countAdministrators } from "./count-administrators";
import { findTenantMembership } from "./find-tenant-membership";

export type TenantMemberRoles = {
  userId: string;
  email: string;
  name: string | null;
  roleIds: string[];
  roleNames: string[];
  /** The only Account Administrator: taking the role away will be refused. */
  isLastAdministrator: boolean;
};

/** One member and their roles, for the role assignment screen. */
export async function getTenantMember(ctx: TenantContext, userId: string): Promise<TenantMemberRoles> {
  const membership = await findTenantMembership(db, ctx, userId);
  const isAdministrator = membership.roles.some((r) => r.role.builtIn === ACCOUNT_ADMINISTRATOR);
  const administrators = isAdministrator ? await countAdministrators(db, ctx) : 0;
  return {
    userId: membership.user.id,
    email: membership.user.email,
    name: membership.user.name,
    roleIds: membership.roles.map((r) => r.role.id),
    roleNames: membership.roles.map((r) => r.role.name).sort(),
    isLastAdministrator: isAdministrator && administrators === 1,
  };
}
