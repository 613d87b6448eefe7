import "server-only";
import { db } from "@/lib/db/prisma";
import { assertAdministrator, type TenantContext } from "@/lib/tenants/tenant-context";
import { ZCheckNewClient, type TCheckNewClient } from "@/lib/validation/client";
import { parseInput } from "@/lib/validation/parse-input";

export type NewClientCheck = {
  /** Whether some client already has the Client Id; never which one, nor in which tenant. */
  clientIdInUse: boolean;
  /** The tenant's oldest client of the same name (any letter case), for a warning that links to it. */
  sameName: { clientId: string; name: string; count: number } | null;
};

/**
 * What the Add client form checks before the final Add: a caller-chosen Client Id must be
 * free in the whole service (ids are global), and a name the tenant already uses is worth
 * a warning (seed 003 asks only for a name, so it is not refused).
 */
export async function checkNewClient(ctx: TenantContext, rawInput: TCheckNewClient): Promise<NewClientCheck> {
  assertAdministrator(ctx);
  const { name, clientId } = parseInput(ZCheckNewClient, rawInput);
  // nameSearch is the lower-cased name (create-client.ts), indexed with the tenant.
  const where = name ? { tenantId: ctx.tenantId, nameSearch: name.toLowerCase() } : null;
  const [idOwner, first, count] = await Promise.all([
    clientId ? db.client.findUnique({ where: { clientId }, select: { id: true } }) : null,
    where ? db.client.findFirst({ where, orderBy: { createdAt: "asc" }, select: { clientId: true, name: true } }) : null,
    where ? db.client.count({ where }) : 0,
  ]);
  return { clientIdInUse: !!idOwner, sameName: first ? { ...first, count } : null };
}
