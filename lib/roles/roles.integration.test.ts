import { beforeAll, describe, expect, it } from "vitest";
import { createClient } from "@/lib/clients/create-client";
import { db } from "@/lib/db/prisma";
import { clientInput, createTestTenant, expectDomainError, tenantState, uniqueSuffix, type TestTenant } from "@/lib/testing/fixtures";
import { addTenantUser } from "@/lib/users/add-tenant-user";
import { createRole } from "./create-role";
import { deleteRole } from "./delete-role";
import { listRolesWithUsage } from "./list-roles-with-usage";
import { setClientRoles } from "./set-client-roles";
import { updateRole } from "./update-role";

let a: TestTenant;
let b: TestTenant;

beforeAll(async () => {
  [a, b] = await Promise.all([createTestTenant("roles-a"), createTestTenant("roles-b")]);
});

/** Everything role changes could touch, for "nothing changed" after a refusal. */
async function state(tenantId: string) {
  const roles = await db.role.findMany({ where: { tenantId }, orderBy: { id: "asc" } });
  return { ...(await tenantState(tenantId)), roles };
}

async function auditDetails(tenantId: string, action: string, targetId: string) {
  const event = await db.auditEvent.findFirstOrThrow({ where: { tenantId, action, targetId }, orderBy: { createdAt: "desc" } });
  return JSON.parse(event.details) as Record<string, unknown>;
}

const roleName = (label = "Role") => `${label} ${uniqueSuffix()}`;

describe("createRole", () => {
  it("creates a custom role and records it", async () => {
    const name = roleName("Historian readers");
    const role = await createRole(a.admin, { name: `  ${name} `, description: "Read historian data" });
    expect(role).toEqual({ id: expect.any(String), name, description: "Read historian data" });
    expect(await auditDetails(a.id, "role.create", role.id)).toEqual({ after: { name, description: "Read historian data" } });
  });

  it("refuses a name already taken in any letter case, including the built-in names and keys", async () => {
    const name = roleName("Operators");
    await createRole(a.admin, { name });
    for (const taken of [name, name.toUpperCase(), name.toLowerCase(), "account administrator", "ACCOUNT MEMBER", "account-member"]) {
      await expectDomainError(createRole(a.admin, { name: taken }), "CONFLICT", { field: "name" });
    }
    expect(await db.role.count({ where: { tenantId: a.id, name: { in: [name, name.toUpperCase(), name.toLowerCase()] } } })).toBe(1);
  });

  it("allows the same name in another tenant", async () => {
    const name = roleName("Shared");
    await createRole(a.admin, { name });
    await expect(createRole(b.admin, { name })).resolves.toMatchObject({ name });
  });

  it("refuses an empty name", async () => {
    await expectDomainError(createRole(a.admin, { name: "   " }), "VALIDATION", { field: "name" });
  });

  it("lets only one of two concurrent creations of the same name (different case) through", async () => {
    const name = roleName("Race");
    const results = await Promise.allSettled([createRole(a.admin, { name }), createRole(a.admin, { name: name.toUpperCase() })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ name: "DomainError", code: "CONFLICT" });
  });
});

describe("updateRole", () => {
  it("renames a custom role and records before and after", async () => {
    const role = await createRole(a.admin, { name: roleName("Old"), description: "before" });
    const name = roleName("New");
    await expect(updateRole(a.admin, { roleId: role.id, name, description: "after" })).resolves.toEqual({ id: role.id, name, description: "after" });
    expect(await auditDetails(a.id, "role.update", role.id)).toEqual({
      before: { name: role.name, description: "before" },
      after: { name, description: "after" },
    });
  });

  it("allows changing only the letter case of its own name", async () => {
    const role = await createRole(a.admin, { name: roleName("case") });
    await expect(updateRole(a.admin, { roleId: role.id, name: role.name.toUpperCase() })).resolves.toMatchObject({ name: role.name.toUpperCase() });
  });

  it("refuses another role's name and leaves the role as it was", async () => {
    const first = await createRole(a.admin, { name: roleName("First") });
    const second = await createRole(a.admin, { name: roleName("Second") });
    await expectDomainError(updateRole(a.admin, { roleId: second.id, name: first.name.toLowerCase() }), "CONFLICT", { field: "name" });
    expect((await db.role.findUniqueOrThrow({ where: { id: second.id } })).name).toBe(second.name);
  });

  it("refuses to rename a built-in role", async () => {
    const before = await state(a.id);
    await expectDomainError(updateRole(a.admin, { roleId: a.roleIds.administrator, name: "Boss" }), "VALIDATION", { message: /built-in/ });
    await expectDomainError(updateRole(a.admin, { roleId: a.roleIds.member, name: "Anyone" }), "VALIDATION", { message: /built-in/ });
    expect(await state(a.id)).toEqual(before);
  });
});

describe("deleteRole", () => {
  it("deletes an unassigned role at once and records it", async () => {
    const role = await createRole(a.admin, { name: roleName("Unused") });
    await expect(deleteRole(a.admin, { roleId: role.id })).resolves.toEqual({ id: role.id, name: role.name, userCount: 0, clientCount: 0 });
    expect(await db.role.count({ where: { id: role.id } })).toBe(0);
    expect(await auditDetails(a.id, "role.delete", role.id)).toEqual({
      before: { name: role.name, description: "" },
      removedFrom: { users: 0, clients: 0 },
    });
  });

  it("refuses an assigned role without confirmation, saying who holds it, and changes nothing", async () => {
    const role = await createRole(a.admin, { name: roleName("Held") });
    await addTenantUser(a.admin, { email: `holder-${uniqueSuffix()}@example.com`, roleIds: [role.id] });
    await createClient(a.admin, clientInput({ roleIds: [role.id] }));
    await createClient(a.admin, clientInput({ roleIds: [role.id] }));
    const before = await state(a.id);
    await expectDomainError(deleteRole(a.admin, { roleId: role.id }), "CONFLICT", { message: /held by 1 user and 2 clients/ });
    expect(await state(a.id)).toEqual(before);
  });

  it("with confirmation, deletes the role and its assignments in one go", async () => {
    const role = await createRole(a.admin, { name: roleName("Going") });
    const user = await addTenantUser(a.admin, { email: `going-${uniqueSuffix()}@example.com`, roleIds: [role.id] });
    const client = await createClient(a.admin, clientInput({ roleIds: [role.id] }));
    await expect(deleteRole(a.admin, { roleId: role.id, removeAssignments: true })).resolves.toMatchObject({ userCount: 1, clientCount: 1 });
    expect(await db.clientRole.count({ where: { roleId: role.id } })).toBe(0);
    expect(await db.membershipRole.count({ where: { roleId: role.id } })).toBe(0);
    // Account Member stays with both.
    expect(await db.clientRole.count({ where: { clientId: client.id, roleId: a.roleIds.member } })).toBe(1);
    expect(await db.membershipRole.count({ where: { membership: { userId: user.userId, tenantId: a.id }, roleId: a.roleIds.member } })).toBe(1);
    expect((await auditDetails(a.id, "role.delete", role.id)).removedFrom).toEqual({ users: 1, clients: 1 });
  });

  it("refuses to delete a built-in role, even when confirmed", async () => {
    const before = await state(a.id);
    for (const roleId of [a.roleIds.administrator, a.roleIds.member]) {
      await expectDomainError(deleteRole(a.admin, { roleId, removeAssignments: true }), "VALIDATION", { message: /built-in/ });
    }
    expect(await state(a.id)).toEqual(before);
  });
});

describe("listRolesWithUsage", () => {
  it("lists built-in roles first and counts the users and clients holding each role", async () => {
    const t = await createTestTenant("usage");
    const role = await createRole(t.admin, { name: "Zeta readers" });
    const other = await createRole(t.admin, { name: "alpha writers" });
    await addTenantUser(t.admin, { email: `u-${uniqueSuffix()}@example.com`, roleIds: [role.id] });
    await createClient(t.admin, clientInput({ roleIds: [role.id, other.id] }));
    await createClient(t.admin, clientInput({ roleIds: [role.id] }));

    const roles = await listRolesWithUsage(t.member);
    expect(roles.map((r) => [r.name, r.builtIn, r.userCount, r.clientCount])).toEqual([
      ["Account Administrator", "account-administrator", 1, 0],
      ["Account Member", "account-member", 3, 2],
      ["alpha writers", null, 0, 1],
      ["Zeta readers", null, 1, 2],
    ]);
  });
});

describe("setClientRoles", () => {
  it("replaces the client's roles, always keeps Account Member, and records before and after names", async () => {
    const first = await createRole(a.admin, { name: roleName("First") });
    const second = await createRole(a.admin, { name: roleName("Second") });
    const client = await createClient(a.admin, clientInput({ roleIds: [first.id] }));

    const result = await setClientRoles(a.admin, { clientId: client.clientId.toUpperCase(), roleIds: [second.id] });
    expect(result.roles).toEqual(["Account Member", second.name].sort());
    const stored = await db.clientRole.findMany({ where: { clientId: client.id }, select: { roleId: true } });
    expect(stored.map((r) => r.roleId).sort()).toEqual([a.roleIds.member, second.id].sort());
    expect(await auditDetails(a.id, "client.roles", client.clientId)).toEqual({
      before: { roles: ["Account Member", first.name].sort() },
      after: { roles: ["Account Member", second.name].sort() },
    });

    await expect(setClientRoles(a.admin, { clientId: client.clientId, roleIds: [] })).resolves.toEqual({
      clientId: client.clientId,
      roles: ["Account Member"],
    });
  });

  it("records nothing when the roles did not change", async () => {
    const client = await createClient(a.admin, clientInput());
    await setClientRoles(a.admin, { clientId: client.clientId, roleIds: [a.roleIds.member] });
    expect(await db.auditEvent.count({ where: { tenantId: a.id, action: "client.roles", targetId: client.clientId } })).toBe(0);
  });

  it("refuses an unknown role or a role of another tenant and keeps the roles", async () => {
    const client = await createClient(a.admin, clientInput());
    const roleOfB = await createRole(b.admin, { name: roleName("B only") });
    const before = await state(a.id);
    await expectDomainError(setClientRoles(a.admin, { clientId: client.clientId, roleIds: ["no-such-role"] }), "VALIDATION", { field: "roleIds" });
    await expectDomainError(setClientRoles(a.admin, { clientId: client.clientId, roleIds: [roleOfB.id] }), "VALIDATION", { field: "roleIds" });
    expect(await state(a.id)).toEqual(before);
  });

  it("refuses authorization code and hybrid clients: their users' roles apply", async () => {
    const role = await createRole(a.admin, { name: roleName("Browser") });
    const client = await createClient(a.admin, { type: "authorization-code", name: "Web app", redirectUris: ["https://app.example.com/cb"] });
    const before = await state(a.id);
    await expectDomainError(setClientRoles(a.admin, { clientId: client.clientId, roleIds: [role.id] }), "VALIDATION", { message: /client-credentials/ });
    expect(await state(a.id)).toEqual(before);
  });

  it("answers NOT_FOUND for an unknown client id", async () => {
    await expectDomainError(setClientRoles(a.admin, { clientId: "00000000-0000-4000-8000-000000000000", roleIds: [] }), "NOT_FOUND");
  });
});

describe("authorization", () => {
  it("refuses every change to a member without Account Administrator, changing nothing", async () => {
    const role = await createRole(a.admin, { name: roleName("Protected") });
    const client = await createClient(a.admin, clientInput());
    const before = await state(a.id);
    await expectDomainError(createRole(a.member, { name: roleName("Sneaky") }), "FORBIDDEN");
    await expectDomainError(updateRole(a.member, { roleId: role.id, name: roleName("Renamed") }), "FORBIDDEN");
    await expectDomainError(deleteRole(a.member, { roleId: role.id, removeAssignments: true }), "FORBIDDEN");
    await expectDomainError(setClientRoles(a.member, { clientId: client.clientId, roleIds: [role.id] }), "FORBIDDEN");
    expect(await state(a.id)).toEqual(before);
  });

  it("answers NOT_FOUND to an administrator of another tenant using real ids, changing nothing in either tenant", async () => {
    const role = await createRole(a.admin, { name: roleName("Mine") });
    const client = await createClient(a.admin, clientInput());
    const roleOfB = await createRole(b.admin, { name: roleName("Theirs") });
    const [beforeA, beforeB] = await Promise.all([state(a.id), state(b.id)]);
    await expectDomainError(updateRole(b.admin, { roleId: role.id, name: roleName("Hijacked") }), "NOT_FOUND", { message: /Role not found/ });
    await expectDomainError(updateRole(b.admin, { roleId: a.roleIds.administrator, name: roleName("Hijacked") }), "NOT_FOUND");
    await expectDomainError(deleteRole(b.admin, { roleId: role.id, removeAssignments: true }), "NOT_FOUND");
    await expectDomainError(setClientRoles(b.admin, { clientId: client.clientId, roleIds: [roleOfB.id] }), "NOT_FOUND", { message: /Client not found/ });
    await expectDomainError(setClientRoles(b.admin, { clientId: client.clientId, roleIds: [] }), "NOT_FOUND");
    expect(await state(a.id)).toEqual(beforeA);
    expect(await state(b.id)).toEqual(beforeB);
  });
});
