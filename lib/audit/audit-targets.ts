import "server-only";
import { db } from "@/lib/db/prisma";
import type { TenantContext } from "@/lib/tenants/tenant-context";

/** The kinds of target that have a page of their own to link to. */
const LINKED = new Set(["client", "user", "role"]);

type Target = { type: string; id: string };
const key = (type: string, id: string) => `${type}:${id}`;

/**
 * Which of these targets still exist in the tenant (a client by its Client Id, a user as a
 * member, a role by id): one query for a whole page, through the tenant, so nothing of
 * another tenant can answer. Returns whether each exists; null for kinds without a page.
 */
export async function auditTargetsExist(ctx: TenantContext, targets: Target[]): Promise<(target: Target) => boolean | null> {
  const ids = (type: string) => [...new Set(targets.filter((t) => t.type === type).map((t) => t.id))];
  const [clients, users, roles] = [ids("client"), ids("user"), ids("role")];
  const found = new Set<string>();
  if (clients.length || users.length || roles.length) {
    const tenant = await db.tenant.findUnique({
      where: { id: ctx.tenantId },
      select: {
        clients: { where: { clientId: { in: clients } }, select: { clientId: true } },
        memberships: { where: { userId: { in: users } }, select: { userId: true } },
        roles: { where: { id: { in: roles } }, select: { id: true } },
      },
    });
    for (const c of tenant?.clients ?? []) found.add(key("client", c.clientId));
    for (const m of tenant?.memberships ?? []) found.add(key("user", m.userId));
    for (const r of tenant?.roles ?? []) found.add(key("role", r.id));
  }
  return (target) => (LINKED.has(target.type) ? found.has(key(target.type, target.id)) : null);
}
