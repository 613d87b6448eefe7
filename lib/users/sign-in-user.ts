import "server-only";
import { db } from "@/lib/db/prisma";

export type SignInIdentity =
  { method: "oidc"; issuer: string; subject: string; email?: string | null; emailVerified?: boolean; name?: string | null } | { method: "dev"; email: string };

export type SignInResult = { ok: true; user: { id: string; email: string; name: string | null } } | { ok: false; reason: "not-a-member" };

/**
 * Finds the Latchkey user for an identity and records the sign-in. Only people an
 * administrator added (and who still belong to a tenant) get in. At the first single
 * sign-on the provider's issuer + subject are bound to the user found by verified email;
 * after that the binding, not the email, identifies them.
 */
export async function signInUser(identity: SignInIdentity): Promise<SignInResult> {
  const user =
    identity.method === "dev"
      ? await db.user.findUnique({ where: { email: identity.email.trim().toLowerCase() } })
      : ((await db.user.findUnique({ where: { issuer_subject: { issuer: identity.issuer, subject: identity.subject } } })) ??
        (identity.email && identity.emailVerified !== false
          ? await db.user.findFirst({ where: { email: identity.email.toLowerCase(), issuer: null } })
          : null));
  if (!user) return { ok: false, reason: "not-a-member" };
  if ((await db.membership.count({ where: { userId: user.id } })) === 0) return { ok: false, reason: "not-a-member" };

  const binding = identity.method === "oidc" && !user.issuer ? { issuer: identity.issuer, subject: identity.subject } : {};
  const name = identity.method === "oidc" && identity.name ? { name: identity.name } : {};
  const updated = await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date(), ...binding, ...name } });
  return { ok: true, user: { id: updated.id, email: updated.email, name: updated.name } };
}
