import "server-only";
import { db } from "@/lib/db/prisma";
import { AUTH_FAILURE_SIGNAL_WINDOW_MS } from "@/lib/oauth/count-client-auth-failures";
import type { TenantContext } from "@/lib/tenants/tenant-context";

/**
 * Failed sign-ins (client authentications) of a tenant's client in the last hour, for its
 * page: one query, scoped by tenant in the query itself (another tenant's client counts 0),
 * so the page that has just found the client does not look it up again.
 */
export async function countRecentClientAuthFailures(ctx: TenantContext, clientId: string, now = Date.now()): Promise<number> {
  const { _sum } = await db.clientAuthFailure.aggregate({
    where: {
      client: { clientId: clientId.toLowerCase(), tenantId: ctx.tenantId },
      windowStart: { gt: new Date(now - AUTH_FAILURE_SIGNAL_WINDOW_MS) },
    },
    _sum: { count: true },
  });
  return _sum.count ?? 0;
}
