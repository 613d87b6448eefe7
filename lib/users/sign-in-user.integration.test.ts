import { beforeAll, describe, expect, it } from "vitest";
import type { Account, Profile, User } from "next-auth";
import { authOptions } from "@/lib/auth/auth-options";
import { db } from "@/lib/db/prisma";
import { createTestTenant, uniqueSuffix, type TestTenant } from "@/lib/testing/fixtures";
import { addTenantUser } from "./add-tenant-user";
import { listTenantMembers } from "./list-tenant-members";
import { signInUser } from "./sign-in-user";

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
    const result = await signInUser({ method: "oidc", issuer: ISSUER, subject: person.subject, email: person.email, emailVerified, name: "Mallory" });
    expect(result).toEqual({ ok: false, reason: "email-not-verified" });
    expect(await userRow(person.userId)).toEqual({ issuer: null, subject: null, lastSignInAt: null, name: null });

    const events = await auditOf(person.userId, "sign-in.refused");
    expect(events.map((e) => e.tenantId).sort()).toEqual([a.id, b.id].sort());
    for (const event of events) {
      expect(event).toMatchObject({ actorType: "identity-provider", actorId: null, actorLabel: ISSUER, targetType: "user", targetLabel: person.email });
      expect(JSON.parse(event.details)).toEqual({ issuer: ISSUER, subject: person.subject, reason: "email-not-verified", emailVerified: shown });
    }
    // And an unverified claim is not enough on a second try either.
    expect(await signInUser({ method: "oidc", issuer: ISSUER, subject: person.subject, email: person.email })).toEqual({
      ok: false,
      reason: "email-not-verified",
    });
    expect((await userRow(person.userId)).issuer).toBeNull();
  });

  it("never re-binds a bound user to another subject that shows the same verified email", async () => {
    const person = await personInBothTenants();
    expect(await signInUser({ method: "oidc", issuer: ISSUER, subject: person.subject, email: person.email, emailVerified: true })).toMatchObject({ ok: true });
    const before = await userRow(person.userId);

    const other = `other-${uniqueSuffix()}`;
    expect(await signInUser({ method: "oidc", issuer: ISSUER, subject: other, email: person.email, emailVerified: true })).toEqual({
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
    await signInUser({ method: "oidc", issuer: ISSUER, subject: person.subject, email: person.email, emailVerified: true });
    const again = await signInUser({ method: "oidc", issuer: ISSUER, subject: person.subject, email: "renamed@example.com" });
    expect(again).toMatchObject({ ok: true, user: { id: person.userId, email: person.email } });
  });

  it("binds only one of two first sign-ins that arrive together with the same email", async () => {
    const person = await personInBothTenants();
    const subjects = [`first-${uniqueSuffix()}`, `second-${uniqueSuffix()}`];
    const results = await Promise.all(
      subjects.map((subject) => signInUser({ method: "oidc", issuer: ISSUER, subject, email: person.email, emailVerified: true })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "bound-to-another-identity" }]);
    expect(subjects).toContain((await userRow(person.userId)).subject);
    expect(await auditOf(person.userId, "sign-in.bound")).toHaveLength(2);
  });

  it("refuses someone who is a member of no tenant, and records nothing", async () => {
    const email = `nobody-${uniqueSuffix()}@example.com`;
    expect(await signInUser({ method: "oidc", issuer: ISSUER, subject: "s", email, emailVerified: true })).toEqual({ ok: false, reason: "not-a-member" });
    expect(await db.user.count({ where: { email } })).toBe(0);
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
    expect((await signInThroughProvider({ sub: person.subject, email: person.email })).result).toBe("/signin/refused?reason=email-not-verified");
    expect((await signInThroughProvider({ sub: `x-${uniqueSuffix()}`, email: `nobody-${uniqueSuffix()}@example.com`, email_verified: true })).result).toBe(
      "/signin/refused?reason=not-a-member",
    );
    const verified = await signInThroughProvider({ sub: person.subject, email: person.email, email_verified: true });
    expect(verified.result).toBe(true);
    expect(verified.user.id).toBe(person.userId);
  });
});

describe("the Users page's list (listTenantMembers)", () => {
  it("shows who is waiting for a first sign-in and who is bound to the provider, with the last sign-in", async () => {
    const person = await personInBothTenants();
    const before = (await listTenantMembers(b.member)).find((m) => m.userId === person.userId);
    expect(before).toMatchObject({ issuer: null, lastSignInAt: null });
    await signInUser({ method: "oidc", issuer: ISSUER, subject: person.subject, email: person.email, emailVerified: true });
    const after = (await listTenantMembers(b.member)).find((m) => m.userId === person.userId);
    expect(after).toMatchObject({ issuer: ISSUER, lastSignInAt: expect.any(Date) });
  });
});
