import "server-only";
import { db } from "@/lib/db/prisma";
import { recordSignInEvent } from "./record-sign-in-event";

export type SignInIdentity =
  { method: "oidc"; issuer: string; subject: string; email?: string | null; emailVerified?: unknown; name?: string | null } | { method: "dev"; email: string };

/**
 * Why a sign-in was refused: nobody of that email is a member of a tenant; the provider
 * did not assert the email is verified (so it cannot bind an identity to a user); or the
 * user of that email is already bound to another identity at the provider.
 */
export type SignInRefusal = "not-a-member" | "email-not-verified" | "bound-to-another-identity";

export type SignInResult = { ok: true; user: { id: string; email: string; name: string | null } } | { ok: false; reason: SignInRefusal };

type User = { id: string; email: string; name: string | null; issuer: string | null };

/**
 * Finds the Latchkey user for an identity and records the sign-in. Only people an
 * administrator added (and who still belong to a tenant) get in. At the first single
 * sign-on the provider's issuer + subject are bound to the user of that email, and only
 * if the provider asserts `email_verified: true`: otherwise an account at the provider that
 * merely claims an administrator's address would become that administrator, for good.
 * After that the binding, not the email, identifies them, and is never replaced.
 */
export async function signInUser(identity: SignInIdentity): Promise<SignInResult> {
  if (identity.method === "dev") return signedIn(await db.user.findUnique({ where: { email: identity.email.trim().toLowerCase() } }));

  const { issuer, subject } = identity;
  const bound = await db.user.findUnique({ where: { issuer_subject: { issuer, subject } } });
  if (bound) return signedIn(bound, identity.name);

  const email = typeof identity.email === "string" ? identity.email.trim().toLowerCase() : "";
  const user = email ? await db.user.findUnique({ where: { email } }) : null;
  if (!user || !(await isMember(user.id))) return { ok: false, reason: "not-a-member" };
  if (user.issuer) return refuse(user, identity, "bound-to-another-identity");
  // Exactly true: absent, false, or "true" as a string from a sloppy provider do not count.
  if (identity.emailVerified !== true) return refuse(user, identity, "email-not-verified", { emailVerified: claimShown(identity.emailVerified) });

  const bind = await db.$transaction(async (tx) => {
    // Only a user still unbound: two first sign-ins at once cannot both bind.
    const { count } = await tx.user.updateMany({ where: { id: user.id, issuer: null }, data: { issuer, subject } });
    if (count === 1) await recordSignInEvent(tx, { action: "sign-in.bound", user, issuer, subject });
    return count === 1;
  });
  if (!bind) return refuse(user, identity, "bound-to-another-identity");
  return signedIn(user, identity.name);
}

/** How the provider's email_verified claim is recorded: never the hostile value itself. */
function claimShown(value: unknown): string {
  if (value === undefined) return "absent";
  return typeof value === "boolean" ? String(value) : `not a boolean (${typeof value})`;
}

async function isMember(userId: string): Promise<boolean> {
  return (await db.membership.count({ where: { userId } })) > 0;
}

async function signedIn(user: User | null, name?: string | null): Promise<SignInResult> {
  if (!user || !(await isMember(user.id))) return { ok: false, reason: "not-a-member" };
  const updated = await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date(), ...(name ? { name } : {}) } });
  return { ok: true, user: { id: updated.id, email: updated.email, name: updated.name } };
}

async function refuse(
  user: User,
  identity: { issuer: string; subject: string },
  reason: Exclude<SignInRefusal, "not-a-member">,
  details: Record<string, unknown> = {},
): Promise<SignInResult> {
  await db.$transaction((tx) =>
    recordSignInEvent(tx, { action: "sign-in.refused", user, issuer: identity.issuer, subject: identity.subject, details: { reason, ...details } }),
  );
  return { ok: false, reason };
}
