import "server-only";
import { db } from "@/lib/db/prisma";
import { ZEmail } from "@/lib/validation/user";
import { recordSignInEvent } from "./record-sign-in-event";

/**
 * `oidc`: the claims of the provider's ID token as they came (hostile until checked), and
 * the issuer Latchkey is configured for (discovery refuses metadata naming another).
 */
export type SignInIdentity =
  | { method: "oidc"; expectedIssuer: string; issuer: unknown; subject: unknown; email?: unknown; emailVerified?: unknown; name?: string | null }
  | { method: "dev"; email: string };

/**
 * Why a sign-in was refused: nobody of that email is a member of a tenant; the provider
 * did not assert the email is verified (so it cannot bind an identity to a user); the
 * user of that email is already bound to another identity at the provider; or the ID
 * token names another issuer or no subject.
 */
export type SignInRefusal = "not-a-member" | "email-not-verified" | "bound-to-another-identity" | "invalid-identity";

export type SignInResult = { ok: true; user: { id: string; email: string; name: string | null } } | { ok: false; reason: SignInRefusal };

type User = { id: string; email: string; name: string | null; issuer: string | null; subject: string | null };
type Identity = { issuer: string; subject: string; name?: string | null };

/** At most one refusal entry per (user, issuer, subject, reason) in this long. */
const REFUSAL_AUDIT_WINDOW_MS = 60 * 60 * 1000;

/**
 * Finds the Latchkey user for an identity and records the sign-in. Only people an
 * administrator added (and who still belong to a tenant) get in. At the first single
 * sign-on the provider's issuer + subject are bound to the user of that email, and only
 * if the provider asserts `email_verified: true`: otherwise an account at the provider that
 * merely claims an administrator's address would become that administrator, for good.
 * After that the binding, not the email, identifies them, and is never replaced.
 */
export async function signInUser(identity: SignInIdentity): Promise<SignInResult> {
  if (identity.method === "dev") return signedIn(await findByEmail(identity.email));

  const user = await findByEmail(identity.email);
  const { issuer, subject } = identity;
  if (typeof issuer !== "string" || issuer !== identity.expectedIssuer || typeof subject !== "string" || subject === "") {
    if (user && (await isMember(user.id)))
      await refuse(user, { issuer: identity.expectedIssuer, subject: typeof subject === "string" ? subject : null }, "invalid-identity", {
        idTokenIssuer: typeof issuer === "string" ? issuer : null,
      });
    return { ok: false, reason: "invalid-identity" };
  }
  const bound = await db.user.findUnique({ where: { issuer_subject: { issuer, subject } } });
  if (bound) return signedIn(bound, identity.name);

  // Exactly true: absent, false, or "true" as a string from a sloppy provider do not count.
  // Checked first, so an unverified account learns nothing of who is a member or bound.
  if (identity.emailVerified !== true) {
    if (user && (await isMember(user.id))) await refuse(user, { issuer, subject }, "email-not-verified", { emailVerified: claimShown(identity.emailVerified) });
    return { ok: false, reason: "email-not-verified" };
  }
  if (!user || !(await isMember(user.id))) return { ok: false, reason: "not-a-member" };
  if (user.issuer) {
    await refuse(user, { issuer, subject }, "bound-to-another-identity");
    return { ok: false, reason: "bound-to-another-identity" };
  }
  return bindFirstSignIn(user, { issuer, subject, name: identity.name });
}

/**
 * Binds `user` (as read, unbound) to the identity, unless someone bound it meanwhile: two
 * first sign-ins at once cannot both bind. The same identity winning the race is still a
 * sign-in; only another one is refused.
 */
export async function bindFirstSignIn(user: User, identity: Identity): Promise<SignInResult> {
  const { issuer, subject } = identity;
  const bound = await db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({ where: { id: user.id, issuer: null }, data: { issuer, subject } });
    if (count === 1) await recordSignInEvent(tx, { action: "sign-in.bound", user, issuer, subject });
    return count === 1;
  });
  if (bound) return signedIn(user, identity.name);
  const now = await db.user.findUnique({ where: { id: user.id } });
  if (now?.issuer === issuer && now.subject === subject) return signedIn(now, identity.name);
  if (now) await refuse(now, identity, "bound-to-another-identity");
  return { ok: false, reason: now ? "bound-to-another-identity" : "not-a-member" };
}

async function findByEmail(value: unknown): Promise<User | null> {
  // The one normaliser of addresses (ASCII only, so no Unicode case folding makes one up).
  const email = ZEmail.safeParse(value);
  return email.success ? db.user.findUnique({ where: { email: email.data } }) : null;
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

/**
 * Audits a refusal in the person's tenants, at most once per (user, issuer, subject, reason)
 * an hour: anyone with an account at the provider could otherwise flood those audit logs.
 */
async function refuse(
  user: User,
  identity: { issuer: string; subject: string | null },
  reason: Exclude<SignInRefusal, "not-a-member">,
  details: Record<string, unknown> = {},
): Promise<void> {
  const since = new Date(Date.now() - REFUSAL_AUDIT_WINDOW_MS);
  const recent = await db.auditEvent.findMany({
    where: { action: "sign-in.refused", targetType: "user", targetId: user.id, createdAt: { gte: since } },
    select: { details: true },
  });
  const same = recent.some(({ details: raw }) => {
    const d = JSON.parse(raw) as Record<string, unknown>;
    return d.issuer === identity.issuer && (d.subject ?? null) === identity.subject && d.reason === reason;
  });
  if (same) return;
  await db.$transaction((tx) =>
    recordSignInEvent(tx, { action: "sign-in.refused", user, issuer: identity.issuer, subject: identity.subject, details: { reason, ...details } }),
  );
}
