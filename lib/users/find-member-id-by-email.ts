import "server-only";
import { db } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenants/tenant-context";
import { parseInput } from "@/lib/validation/parse-input";
import { ZEmail } from "@/lib/validation/user";

/** The user id of the tenant's member with this email (the CLI names people by email). */
export async function findMemberIdByEmail(ctx: TenantContext, rawEmail: string): Promise<string> {
  const email = parseInput(ZEmail, rawEmail);
  const membership = await db.membership.findFirst({ where: { tenantId: ctx.tenantId, user: { email } }, select: { userId: true } });
  if (!membership) throw notFound("User");
  return membership.userId;
}
