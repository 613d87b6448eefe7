import "server-only";
import { db } from "@/lib/db/prisma";

export type TenantMember = { userId: string; email: string; name: string | null; roles: string[] };

/**
 * A person as an application of the tenant sees them: only members of the client's tenant
 * get codes and tokens (and keep getting them: a removed member's refresh token stops
 * working), with their roles in that tenant.
 */
export async function findTenantMember(tenantId: string, userId: string): Promise<TenantMember | null> {
  const membership = await db.membership.findFirst({
    where: { tenantId, userId },
    select: { user: { select: { id: true, email: true, name: true } }, roles: { select: { role: { select: { name: true } } } } },
  });
  if (!membership) return null;
  return { userId: membership.user.id, email: membership.user.email, name: membership.user.name, roles: membership.roles.map((r) => r.role.name).sort() };
}

/** Which claims each scope releases, for ID tokens and userinfo alike. */
export const SCOPE_CLAIMS = { openid: ["sub"], email: ["email"], profile: ["name"] } as const;
/** Every scope a person's sign-in is granted (and what applications should ask for). */
export const USER_SCOPES = Object.keys(SCOPE_CLAIMS).join(" ");

export function memberClaims(member: TenantMember, scopes: Iterable<string>): Record<string, string> {
  const all: Record<string, string | null> = { sub: member.userId, email: member.email, name: member.name };
  const claims: Record<string, string> = {};
  for (const scope of scopes) {
    for (const claim of SCOPE_CLAIMS[scope as keyof typeof SCOPE_CLAIMS] ?? []) {
      if (all[claim] !== null && all[claim] !== undefined) claims[claim] = all[claim]!;
    }
  }
  return claims;
}
