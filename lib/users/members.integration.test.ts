import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { createRole } from "@/lib/roles/create-role";
import { loadUserTenantContext } from "@/lib/tenants/load-tenant-context";
import type { TenantContext } from "@/lib/tenants/tenant-context";
import { createTestTenant, expectDomainError, tenantState, uniqueSuffix, type TestTenant } from "@/lib/testing/fixtures";
import { addTenantUser } from "./add-tenant-user";
import { getTenantMember } from "./get-tenant-member";
import { listTenantMembers } from "./list-tenant-members";
import { removeMember } from "./remove-member";
import { setMemberRoles } from "./set-member-roles";

const LAST_ADMIN = /last Account Administrator/;

let a: TestTenant;
let b: TestTenant;

beforeAll(async () => {
  [a, b] = await Promise.all([createTestTenant("members-a"), createTestTenant("members-b")]);
});

const email = (label: string) => `${label}-${uniqueSuffix()}@example.com`;

async function contextOf(userId: string, tenant: TestTenant): Promise<TenantContext> {
  const ctx = await loadUserTenantContext(userId, tenant.slug);
  if (!ctx) throw new Error("not a member");
  return ctx;
}

/** A tenant whose only administrator is its test admin (other tests add admins to a and b). */
async function soloTenant(): Promise<TestTenant> {
  return createTestTenant("solo");
}

async function roleNamesOf(tenantId: string, userId: string): Promise<string[]> {
  const rows = await db.membershipRole.findMany({ where: { membership: { tenantId, userId } }, select: { role: { select: { name: true } } } });
  return rows.map((r) => r.role.name).sort();
}

describe("listTenantMembers", () => {
  it("lists every member with roles and last sign-in, for members too", async () => {
    const t = await soloTenant();
    const members = await listTenantMembers(t.member);
    expect(members).toHaveLength(2);
    expect(members.find((m) => m.userId === t.adminUserId)).toMatchObject({
      email: t.admin.actor.label,
      roles: ["Account Administrator", "Account Member"],
      isAdministrator: true,
      lastSignInAt: null,
      issuer: null,
    });
    expect(members.find((m) => m.userId === t.memberUserId)).toMatchObject({ roles: ["Account Member"], isAdministrator: false });
  });
});

describe("addTenantUser", () => {
  it("adds a Latchkey user who already belongs to another tenant, keeping their user", async () => {
    const user = await addTenantUser(b.admin, { email: email("shared"), name: "Shared Person", roleIds: [] });
    const added = await addTenantUser(a.admin, { email: user.email.toUpperCase(), roleIds: [a.roleIds.administrator] });
    expect(added).toEqual({ userId: user.userId, email: user.email, roles: ["Account Administrator", "Account Member"] });
    expect(await db.user.count({ where: { email: user.email } })).toBe(1);
    expect(await roleNamesOf(b.id, user.userId)).toEqual(["Account Member"]);
  });

  it("refuses a person who is already a member, naming the email field", async () => {
    const before = await tenantState(a.id);
    await expectDomainError(addTenantUser(a.admin, { email: a.member.actor.label, roleIds: [] }), "CONFLICT", {
      field: "email",
      message: /already a member of this tenant/,
    });
    expect(await tenantState(a.id)).toEqual(before);
  });
});

describe("setMemberRoles", () => {
  it("replaces the roles, always keeps Account Member, and records before and after names", async () => {
    const role = await createRole(a.admin, { name: `Readers ${uniqueSuffix()}` });
    const user = await addTenantUser(a.admin, { email: email("change"), roleIds: [] });
    const result = await setMemberRoles(a.admin, { userId: user.userId, roleIds: [role.id, a.roleIds.administrator] });
    expect(result.roles).toEqual(["Account Administrator", "Account Member", role.name].sort());
    expect(await roleNamesOf(a.id, user.userId)).toEqual(result.roles);

    const event = await db.auditEvent.findFirstOrThrow({ where: { tenantId: a.id, action: "membership.roles", targetId: user.userId } });
    expect(JSON.parse(event.details)).toEqual({ before: { roles: ["Account Member"] }, after: { roles: result.roles } });

    await setMemberRoles(a.admin, { userId: user.userId, roleIds: [] });
    expect(await roleNamesOf(a.id, user.userId)).toEqual(["Account Member"]);
  });

  it("refuses to demote the last administrator, also when they demote themselves, and changes nothing", async () => {
    const t = await soloTenant();
    const before = await tenantState(t.id);
    const error = await expectDomainError(setMemberRoles(t.admin, { userId: t.adminUserId, roleIds: [] }), "CONFLICT", {
      field: "roleIds",
      message: LAST_ADMIN,
    });
    expect(error.message).toMatch(/^You are the last/);
    expect(await tenantState(t.id)).toEqual(before);
    expect(await getTenantMember(t.admin, t.adminUserId)).toMatchObject({ isLastAdministrator: true });
  });

  it("allows demoting an administrator while another remains", async () => {
    const t = await soloTenant();
    const second = await addTenantUser(t.admin, { email: email("second"), roleIds: [t.roleIds.administrator] });
    expect(await getTenantMember(t.admin, t.adminUserId)).toMatchObject({ isLastAdministrator: false });
    await setMemberRoles(t.admin, { userId: second.userId, roleIds: [] });
    expect(await roleNamesOf(t.id, second.userId)).toEqual(["Account Member"]);
    // Now t.admin is the only one again.
    await expectDomainError(setMemberRoles(t.admin, { userId: t.adminUserId, roleIds: [] }), "CONFLICT", { message: LAST_ADMIN });
  });

  it("keeps an administrator when the last two demote each other at the same moment", async () => {
    const t = await soloTenant();
    const second = await addTenantUser(t.admin, { email: email("peer"), roleIds: [t.roleIds.administrator] });
    const secondCtx = await contextOf(second.userId, t);
    const results = await Promise.allSettled([
      setMemberRoles(t.admin, { userId: second.userId, roleIds: [] }),
      setMemberRoles(secondCtx, { userId: t.adminUserId, roleIds: [] }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ name: "DomainError", code: "CONFLICT", message: expect.stringMatching(LAST_ADMIN) });
    const admins = (await listTenantMembers(t.admin)).filter((m) => m.isAdministrator);
    expect(admins).toHaveLength(1);
  });
});

describe("removeMember", () => {
  it("removes the membership, records the roles it had, and keeps the user's other tenants", async () => {
    const user = await addTenantUser(b.admin, { email: email("leaving"), roleIds: [] });
    await addTenantUser(a.admin, { email: user.email, roleIds: [] });
    await expect(removeMember(a.admin, { userId: user.userId })).resolves.toEqual({ userId: user.userId, email: user.email });
    expect(await db.membership.count({ where: { tenantId: a.id, userId: user.userId } })).toBe(0);
    expect(await db.membership.count({ where: { tenantId: b.id, userId: user.userId } })).toBe(1);
    const event = await db.auditEvent.findFirstOrThrow({ where: { tenantId: a.id, action: "membership.delete", targetId: user.userId } });
    expect(JSON.parse(event.details)).toEqual({ before: { roles: ["Account Member"] } });
  });

  it("refuses to remove the last administrator, including themselves, and changes nothing", async () => {
    const t = await soloTenant();
    const before = await tenantState(t.id);
    const self = await expectDomainError(removeMember(t.admin, { userId: t.adminUserId }), "CONFLICT", { message: LAST_ADMIN });
    expect(self.message).toMatch(/^You are the last/);
    const viaCli = { ...t.admin, actor: { type: "cli" as const, label: "cli" } };
    const other = await expectDomainError(removeMember(viaCli, { userId: t.adminUserId }), "CONFLICT", { message: LAST_ADMIN });
    expect(other.message).toContain(t.admin.actor.label);
    expect(await tenantState(t.id)).toEqual(before);
  });

  it("lets an administrator leave while another administrator remains", async () => {
    const t = await soloTenant();
    await addTenantUser(t.admin, { email: email("stays"), roleIds: [t.roleIds.administrator] });
    await removeMember(t.admin, { userId: t.adminUserId });
    expect(await loadUserTenantContext(t.adminUserId, t.slug)).toBeNull();
  });

  it("keeps an administrator when the last two remove each other at the same moment", async () => {
    const t = await soloTenant();
    const second = await addTenantUser(t.admin, { email: email("rival"), roleIds: [t.roleIds.administrator] });
    const secondCtx = await contextOf(second.userId, t);
    const results = await Promise.allSettled([removeMember(t.admin, { userId: second.userId }), removeMember(secondCtx, { userId: t.adminUserId })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await listTenantMembers(t.member)).filter((m) => m.isAdministrator)).toHaveLength(1);
  });
});

describe("authorization", () => {
  it("refuses a member without Account Administrator, changing nothing", async () => {
    const before = await tenantState(a.id);
    await expectDomainError(setMemberRoles(a.member, { userId: a.memberUserId, roleIds: [a.roleIds.administrator] }), "FORBIDDEN");
    await expectDomainError(removeMember(a.member, { userId: a.adminUserId }), "FORBIDDEN");
    await expectDomainError(addTenantUser(a.member, { email: email("intruder"), roleIds: [] }), "FORBIDDEN");
    expect(await tenantState(a.id)).toEqual(before);
  });

  it("answers NOT_FOUND to an administrator of another tenant using real user ids, changing nothing", async () => {
    const [beforeA, beforeB] = await Promise.all([tenantState(a.id), tenantState(b.id)]);
    await expectDomainError(setMemberRoles(b.admin, { userId: a.memberUserId, roleIds: [] }), "NOT_FOUND", { message: /User not found/ });
    await expectDomainError(setMemberRoles(b.admin, { userId: a.adminUserId, roleIds: [b.roleIds.administrator] }), "NOT_FOUND");
    await expectDomainError(removeMember(b.admin, { userId: a.memberUserId }), "NOT_FOUND");
    await expectDomainError(getTenantMember(b.admin, a.adminUserId), "NOT_FOUND");
    // A's role ids are unknown roles to tenant B, even on B's own member.
    await expectDomainError(setMemberRoles(b.admin, { userId: b.memberUserId, roleIds: [a.roleIds.administrator] }), "VALIDATION");
    expect(await tenantState(a.id)).toEqual(beforeA);
    expect(await tenantState(b.id)).toEqual(beforeB);
  });
});
