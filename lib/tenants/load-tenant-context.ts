import "server-only";
import { db } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors";
import { ACCOUNT_ADMINISTRATOR } from "@/lib/roles/built-in-roles";
import type { TenantContext } from "./tenant-context";

/**
 * The tenant as seen by a signed-in user, or null when they are not a member: callers
 * answer "not found" then, so a tenant's existence is not revealed to outsiders.
 */
export async function loadUserTenantContext(userId: string, tenantSlug: string): Promise<TenantContext | null> {
  const membership = await db.membership.findFirst({
    where: { userId, tenant: { slug: tenantSlug } },
    include: { tenant: true, user: true, roles: { include: { role: true } } },
  });
  if (!membership) return null;
  return {
    tenantId: membership.tenantId,
    tenantSlug: membership.tenant.slug,
    tenantName: membership.tenant.name,
    actor: { type: "user", userId, label: membership.user.email },
    isAdministrator: membership.roles.some((r) => r.role.builtIn === ACCOUNT_ADMINISTRATOR),
  };
}

/** The CLI runs with the server's own access, so it acts as an administrator. */
export async function cliTenantContext(tenantSlug: string, label = "cli"): Promise<TenantContext> {
  const tenant = await db.tenant.findUnique({ where: { slug: tenantSlug } });
  if (!tenant) throw notFound(`Tenant "${tenantSlug}"`);
  return {
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    tenantName: tenant.name,
    actor: { type: "cli", label },
    isAdministrator: true,
  };
}

/**
 * The token service acting on its own in a tenant (its alerts): no member, no
 * administrator rights, the tenant's real name from the database.
 */
export async function tokenServiceTenantContext(tenantId: string): Promise<TenantContext> {
  const tenant = await db.tenant.findUnique({ where: { id: tenantId } });
  if (!tenant) throw notFound("Tenant");
  return {
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    tenantName: tenant.name,
    actor: { type: "token-service", label: "Token service" },
    isAdministrator: false,
  };
}
