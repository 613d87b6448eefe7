import "server-only";
import { db } from "@/lib/db/prisma";
import type { TenantContext } from "@/lib/tenants/tenant-context";

export type ClientListItem = {
  clientId: string;
  type: string;
  name: string;
  roles: string[];
  secretCount: number;
  soonestExpiry: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
};

export async function listClients(ctx: TenantContext): Promise<ClientListItem[]> {
  const clients = await db.client.findMany({
    where: { tenantId: ctx.tenantId },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: 200,
    select: {
      clientId: true,
      type: true,
      name: true,
      createdAt: true,
      roles: { select: { role: { select: { name: true } } } },
      secrets: { select: { expiresAt: true, lastUsedAt: true } },
    },
  });
  return clients.map((client) => {
    const expiries = client.secrets.flatMap((s) => (s.expiresAt ? [s.expiresAt.getTime()] : []));
    const uses = client.secrets.flatMap((s) => (s.lastUsedAt ? [s.lastUsedAt.getTime()] : []));
    return {
      clientId: client.clientId,
      type: client.type,
      name: client.name,
      roles: client.roles.map((r) => r.role.name).sort(),
      secretCount: client.secrets.length,
      soonestExpiry: expiries.length ? new Date(Math.min(...expiries)) : null,
      lastUsedAt: uses.length ? new Date(Math.max(...uses)) : null,
      createdAt: client.createdAt,
    };
  });
}
