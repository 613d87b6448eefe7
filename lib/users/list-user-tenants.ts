import "server-only";
import { db } from "@/lib/db/prisma";

/** The tenants a signed-in user belongs to (their own memberships only). */
export async function listUserTenants(userId: string) {
  const memberships = await db.membership.findMany({
    where: { userId },
    select: { tenant: { select: { slug: true, name: true } } },
    orderBy: { tenant: { name: "asc" } },
  });
  return memberships.map((m) => m.tenant);
}
