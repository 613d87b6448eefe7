import { beforeAll, describe, expect, it } from "vitest";
import type { Account, Profile, User } from "next-auth";
import { authOptions } from "@/lib/auth/auth-options";
import { db } from "@/lib/db/prisma";
import { createTestTenant, uniqueSuffix, type TestTenant } from "@/lib/testing/fixtures";
import { addTenantUser } from "./add-tenant-user";
import { listTenantMembers } from "./list-tenant-members";
import { bindFirstSignIn, signInUser } from "./sign-in-user";

const ISSUER = "https://idp.example.test";

let a: TestTenant;
let b: TestTenant;

beforeAll(async () => {
  [a, b] = await Promise.all([createTestTenant("signin-a"), createTestTenant("signin-b")]);
});

/** A person who is a member of both tenants (an administrator of a), not yet signed in. */
async function personInBothTenants() {
  const email = `person-${uniqueSuffix()}@example.com`;
  const user = await addTenantUser(a.admin, { email, roleIds: [a.roleIds.administrator] });
  await addTenantUser(b.admin, { email, roleIds: [] });
  return { ...user, subject: `sub-${uniqueSuffix()}` };
}

async function userRow(id: string) {
  return db.user.findUniqueOrThrow({ where: { id }, select: { issuer: true, subject: true, lastSignInAt: true, name: true } });
}

async function auditOf(userId: string, action: string) {
  return db.auditEvent.findMany({ where: { targetId: userId, action }, orderBy: { tenantId: "asc" } });
}

describe("signInUser through the identity provider", () => {
  it("binds issuer and subject to the user of that email when the provider says the email is verified, and audits it in each tenant", async () => {
    const person = await personInBothTenants();
    const result = await signInUser({
      method: "oidc",
      expectedIssuer: ISSUER,
      issuer: ISSUER,
      subject: person.subject,
      email: person.email.toUpperCase(),
      emailVerified: true,
      name: "Pat",
    });
    expect(result).toEqual({ ok: true, user: { id: person.userId, email: person.email, name: "Pat" } });
    expect(await userRow(person.userId)).toMatchObject({ issuer: ISSUER, subject: person.subject, name: "Pat", lastSignInAt: expect.any(Date) });

    const events = await auditOf(person.userId, "sign-in.bound");
    expect(events.map((e) => e.tenantId).sort()).toEqual([a.id, b.id].sort());
    expect(events[0]).toMatchObject({ actorType: "identity-provider", actorLabel: ISSUER, targetLabel: person.email });
    expect(JSON.parse(events[0]!.details)).toEqual({ issuer: ISSUER, subject: person.subject });
  });

  it.each([
    ["absent", undefined, "absent"],
    ["false", false, "false"],
    ["the string true", "true", "not a boolean (string)"],
    ["1", 1, "not a boolean (number)"],
  ])("refuses an email the provider did not verify (%s): nothing bound, refusal audited in each tenant", async (_label, emailVerified, shown) => {
    const person = await personInBothTenants();
    const result = await signInUser({
      method: "oidc",
      expectedIssuer: ISSUER,
      issuer: ISSUER,
      subject: person.subject,
      email: person.email,
      emailVerified,
      name: "Mallory",
    });
    expect(result).toEqual({ ok: false, reason: "email-not-verified" });
    expect(await userRow(person.userId)).toEqual({ issuer: null, subject: null, lastSignInAt: null, name: null });

    const events = await auditOf(person.userId, "sign-in.refused");
    expect(events.map((e) => e.tenantId).sort()).toEqual([a.id, b.id].sort());
    for (const event of events) {
      expect(event).toMatchObject({ actorType: "identity-provider", actorId: null, actorLabel: ISSUER, targetType: "user", targetLabel: person.email });
      expect(JSON.parse(event.details)).toEqual({ issuer: ISSUER, subject: person.subject, reason: "email-not-verified", emailVerified: shown });
    }
    // And an unverified claim is not enough on a second try either.
    expect(await signInUser({ method: "oidc", expectedIssuer: ISSUER, issuer: ISSUER, subject: person.subject, email: person.email })).toEqual({
      ok: false,
      reason: "email-not-verified",
    });
    expect((await userRow(person.userId)).issuer).toBeNull();
  });

  it("never re-binds a bound user to another subject that shows the same verified email", async () => {
    const person = await personInBothTenants();
    expect(
      await signInUser({ method: "oidc", expectedIssuer: ISSUER, issuer: ISSUER, subject: person.subject, email: person.email, emailVerified: true }),
    ).toMatchObject({ ok: true });
    const before = await userRow(person.userId);

    const other = `other-${uniqueSuffix()}`;
    expect(await signInUser({ method: "oidc", expectedIssuer: ISSUER, issuer: ISSUER, subject: other, email: person.email, emailVerified: true })).toEqual({
      ok: false,
      reason: "bound-to-another-identity",
    });
    expect(await userRow(person.userId)).toEqual(before);
    const refused = await auditOf(person.userId, "sign-in.refused");
    expect(refused).toHaveLength(2);
    expect(JSON.parse(refused[0]!.details)).toEqual({ issuer: ISSUER, subject: other, reason: "bound-to-another-identity" });
  });

  it("identifies a bound user by the binding, whatever the email claim says afterwards", async () => {
    const person = await personInBothTenants();
    await signInUser({ method: "oidc", expectedIssuer: ISSUER, issuer: ISSUER, subject: person.subject, email: person.email, emailVerified: true });
    const again = await signInUser({ method: "oidc", expectedIssuer: ISSUER, issuer: ISSUER, subject: person.subject, email: "renamed@example.com" });
    expect(again).toMatchObject({ ok: true, user: { id: person.userId, email: person.email } });
  });

  it("binds only one of two first sign-ins that arrive together with the same email", async () => {
    const person = await personInBothTenants();
    const subjects = [`first-${uniqueSuffix()}`, `second-${uniqueSuffix()}`];
    const results = await Promise.all(
      subjects.map((subject) => signInUser({ method: "oidc", expectedIssuer: ISSUER, issuer: ISSUER, subject, email: person.email, emailVerified: true })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "bound-to-another-identity" }]);
    expect(subjects).toContain((await userRow(person.userId)).subject);
    expect(await auditOf(person.userId, "sign-in.bound")).toHaveLength(2);
  });

  it("refuses someone who is a member of no tenant, and records nothing", async () => {
    const email = `nobody-${uniqueSuffix()}@example.com`;
    const subject = `nobody-${uniqueSuffix()}`;
    expect(await signInUser({ method: "oidc", expectedIssuer: ISSUER, issuer: ISSUER, subject, email, emailVerified: true })).toEqual({
      ok: false,
      reason: "not-a-member",
    });
    expect(await db.user.count({ where: { email } })).toBe(0);
    // A user of that email who belongs to no tenant (any more): no audit entry anywhere either.
    const removed = await db.user.create({ data: { email: `removed-${uniqueSuffix()}@example.com` } });
    expect(await signInUser({ method: "oidc", expectedIssuer: ISSUER, issuer: ISSUER, subject, email: removed.email, emailVerified: true })).toEqual({
      ok: false,
      reason: "not-a-member",
    });
    expect(
      await db.auditEvent.count({
        where: { OR: [{ targetLabel: { in: [email, removed.email] } }, { targetId: removed.id }, { details: { contains: subject } }] },
      }),
    ).toBe(0);
    expect(await db.user.findUniqueOrThrow({ where: { id: removed.id }, select: { issuer: true, lastSignInAt: true } })).toEqual({
      issuer: null,
      lastSignInAt: null,
    });
  });

  // Item: the refusal order must not tell an unverified account who is a member or bound.
  it("answers an unverified claim email-not-verified whatever the state of that email, and audits only where a member exists", async () => {
    const bound = await personInBothTenants();
    await signInUser({ method: "oidc", expectedIssuer: ISSUER, issuer: ISSUER, subject: bound.subject, email: bound.email, emailVerified: true });
    const stranger = `stranger-${uniqueSuffix()}@example.com`;
    for (const email of [bound.email, stranger, undefined]) {
      expect(await signInUser({ method: "oidc", expectedIssuer: ISSUER, issuer: ISSUER, subject: `mallory-${uniqueSuffix()}`, email }), String(email)).toEqual({
        ok: false,
        reason: "email-not-verified",
      });
    }
    const refused = await auditOf(bound.userId, "sign-in.refused");
    expect(refused.map((e) => JSON.parse(e.details).reason)).toEqual(["email-not-verified", "email-not-verified"]);
    expect(await db.auditEvent.count({ where: { targetLabel: stranger } })).toBe(0);
    // bound-to-another-identity only for a verified claim.
    expect(await signInUser({ method: "oidc", expectedIssuer: ISSUER, issuer: ISSUER, subject: "other", email: bound.email, emailVerified: true })).toEqual({
      ok: false,
      reason: "bound-to-another-identity",
    });
  });

  it("audits a refusal at most once an hour per (user, issuer, subject, reason), so nobody can flood a tenant's log", async () => {
    const person = await personInBothTenants();
    const attempt = (subject: string, emailVerified?: boolean) =>
      signInUser({ method: "oidc", expectedIssuer: ISSUER, issuer: ISSUER, subject, email: person.email, emailVerified });
    for (let i = 0; i < 5; i++) expect(await attempt("mallory")).toEqual({ ok: false, reason: "email-not-verified" });
    expect(await auditOf(person.userId, "sign-in.refused")).toHaveLength(2); // one per tenant
    await attempt("eve"); // another subject is another entry
    expect(await auditOf(person.userId, "sign-in.refused")).toHaveLength(4);
    // An hour later, the same refusal is recorded again.
    await db.auditEvent.updateMany({ where: { targetId: person.userId }, data: { createdAt: new Date(Date.now() - 61 * 60 * 1000) } });
    await attempt("mallory");
    expect(await auditOf(person.userId, "sign-in.refused")).toHaveLength(6);
  });

  it("refuses an email that only Unicode case folding turns into a member's (the Kelvin sign), binding nothing", async () => {
    const person = await personInBothTenants();
    const [local, domain] = person.email.split("@");
    // person-…: its "p" has no look-alike; put a Kelvin sign (U+212A) in a "k" of our own.
    const kate = await addTenantUser(a.admin, { email: `kate-${local}@${domain}`, roleIds: [a.roleIds.administrator] });
    const kelvin = `\u212Aate-${local}@${domain}`;
    expect(kelvin.toLowerCase()).toBe(kate.email);
    expect(
      await signInUser({ method: "oidc", expectedIssuer: ISSUER, issuer: ISSUER, subject: `k-${uniqueSuffix()}`, email: kelvin, emailVerified: true }),
    ).toEqual({
      ok: false,
      reason: "not-a-member",
    });
    expect(await userRow(kate.userId)).toMatchObject({ issuer: null, subject: null });
    expect(await signInUser({ method: "dev", email: kelvin })).toEqual({ ok: false, reason: "not-a-member" });
  });

  it("refuses an ID token of another issuer, or without a subject, with its own reason, audited", async () => {
    const person = await personInBothTenants();
    const other = await signInUser({
      method: "oidc",
      expectedIssuer: ISSUER,
      issuer: "https://evil.example",
      subject: person.subject,
      email: person.email,
      emailVerified: true,
    });
    expect(other).toEqual({ ok: false, reason: "invalid-identity" });
    for (const subject of [undefined, "", 42]) {
      expect(await signInUser({ method: "oidc", expectedIssuer: ISSUER, issuer: ISSUER, subject, email: person.email, emailVerified: true })).toEqual({
        ok: false,
        reason: "invalid-identity",
      });
    }
    expect(await userRow(person.userId)).toMatchObject({ issuer: null, subject: null, lastSignInAt: null });
    const refused = (await auditOf(person.userId, "sign-in.refused")).map((e) => JSON.parse(e.details));
    expect(refused).toContainEqual({ issuer: ISSUER, subject: person.subject, reason: "invalid-identity", idTokenIssuer: "https://evil.example" });
    expect(refused).toContainEqual({ issuer: ISSUER, subject: null, reason: "invalid-identity", idTokenIssuer: ISSUER });
    // The binding is the ID token's iss: the one asserted equal to the configured issuer.
    expect(
      await signInUser({ method: "oidc", expectedIssuer: ISSUER, issuer: ISSUER, subject: person.subject, email: person.email, emailVerified: true }),
    ).toMatchObject({ ok: true });
    expect(await userRow(person.userId)).toMatchObject({ issuer: ISSUER, subject: person.subject });
  });

  // The race forced: both sign-ins read the user unbound, one binds, then the other's conditional update.
  it("a first sign-in that read the user before another identity bound it is refused and changes nothing", async () => {
    const person = await personInBothTenants();
    const stale = await db.user.findUniqueOrThrow({ where: { id: person.userId } });
    expect(
      await signInUser({ method: "oidc", expectedIssuer: ISSUER, issuer: ISSUER, subject: person.subject, email: person.email, emailVerified: true }),
    ).toMatchObject({ ok: true });
    expect(await bindFirstSignIn(stale, { issuer: ISSUER, subject: "late-other" })).toEqual({ ok: false, reason: "bound-to-another-identity" });
    expect(await userRow(person.userId)).toMatchObject({ issuer: ISSUER, subject: person.subject });
    expect(await auditOf(person.userId, "sign-in.bound")).toHaveLength(2);
  });

  it("two first sign-ins of the same identity at once both sign in, with no false refusal", async () => {
    const person = await personInBothTenants();
    const stale = await db.user.findUniqueOrThrow({ where: { id: person.userId } });
    expect(
      await signInUser({ method: "oidc", expectedIssuer: ISSUER, issuer: ISSUER, subject: person.subject, email: person.email, emailVerified: true }),
    ).toMatchObject({ ok: true });
    expect(await bindFirstSignIn(stale, { issuer: ISSUER, subject: person.subject })).toEqual({
      ok: true,
      user: { id: person.userId, email: person.email, name: null },
    });
    expect(await auditOf(person.userId, "sign-in.refused")).toHaveLength(0);
    expect(await auditOf(person.userId, "sign-in.bound")).toHaveLength(2);
  });
});

describe("next-auth's callbacks (lib/auth/auth-options.ts)", () => {
  const callbacks = authOptions.callbacks!;
  const baseUrl = "http://localhost:3000";

  it.each([
    ["/t/acme/clients", `${baseUrl}/t/acme/clients`],
    [`${baseUrl}/identity/interaction/x`, `${baseUrl}/identity/interaction/x`],
    ["/\\evil.example/a", `${baseUrl}/`],
    ["/\t/evil.example", `${baseUrl}/`],
    ["http://localhost:3000.evil.example/x", `${baseUrl}/`],
    ["https://evil.example/", `${baseUrl}/`],
  ])("redirect keeps %j on Latchkey: %j", async (url, expected) => {
    expect(await callbacks.redirect!({ url, baseUrl })).toBe(expected);
  });

  async function signInThroughProvider(profile: Record<string, unknown>) {
    const saved = { ...process.env };
    Object.assign(process.env, { LATCHKEY_OIDC_ISSUER: ISSUER, LATCHKEY_OIDC_CLIENT_ID: "latchkey", LATCHKEY_OIDC_CLIENT_SECRET: "test" });
    try {
      const user = { id: String(profile.sub) } as User;
      const result = await callbacks.signIn!({
        user,
        account: { provider: "oidc", type: "oauth", providerAccountId: String(profile.sub) } as Account,
        profile: profile as Profile,
      });
      return { result, user };
    } finally {
      process.env = saved;
    }
  }

  it("signIn sends an unverified email to the refusal page and carries Latchkey's user id for a verified one", async () => {
    const person = await personInBothTenants();
    expect((await signInThroughProvider({ iss: ISSUER, sub: person.subject, email: person.email })).result).toBe("/signin/refused?reason=email-not-verified");
    expect(
      (await signInThroughProvider({ iss: ISSUER, sub: `x-${uniqueSuffix()}`, email: `nobody-${uniqueSuffix()}@example.com`, email_verified: true })).result,
    ).toBe("/signin/refused?reason=not-a-member");
    // An ID token of another issuer than the configured one binds nothing.
    expect((await signInThroughProvider({ iss: "https://evil.example", sub: person.subject, email: person.email, email_verified: true })).result).toBe(
      "/signin/refused?reason=invalid-identity",
    );
    const verified = await signInThroughProvider({ iss: ISSUER, sub: person.subject, email: person.email, email_verified: true });
    expect(verified.result).toBe(true);
    expect(verified.user.id).toBe(person.userId);
  });
});

describe("the Users page's list (listTenantMembers)", () => {
  it("shows who is waiting for a first sign-in and who is bound to the provider, with the last sign-in", async () => {
    const person = await personInBothTenants();
    const before = (await listTenantMembers(b.member)).find((m) => m.userId === person.userId);
    expect(before).toMatchObject({ issuer: null, lastSignInAt: null });
    await signInUser({ method: "oidc", expectedIssuer: ISSUER, issuer: ISSUER, subject: person.subject, email: person.email, emailVerified: true });
    const after = (await listTenantMembers(b.member)).find((m) => m.userId === person.userId);
    expect(after).toMatchObject({ issuer: ISSUER, lastSignInAt: expect.any(Date) });
  });
});
