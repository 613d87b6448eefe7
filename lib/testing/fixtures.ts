// Test data built through the domain layer (the same path the CLI and portal take), so
// fixtures cannot drift from what production code would create.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/prisma";
import { DomainError, type DomainErrorCode } from "@/lib/errors";
import { ACCOUNT_ADMINISTRATOR, ACCOUNT_MEMBER } from "@/lib/roles/built-in-roles";
import { createTenant } from "@/lib/tenants/create-tenant";
import { cliTenantContext, loadUserTenantContext } from "@/lib/tenants/load-tenant-context";
import type { TenantContext } from "@/lib/tenants/tenant-context";
import { addTenantUser } from "@/lib/users/add-tenant-user";
import type { TCreateClientCredentialsClient } from "@/lib/validation/client";
import { isoDate } from "@/lib/validation/secret";
import { expect } from "vitest";

/** Tests share one database per project: random suffixes keep their rows apart. */
export function uniqueSuffix(): string {
  return randomBytes(5).toString("hex");
}

export type TestTenant = {
  id: string;
  slug: string;
  name: string;
  /** Context of a member with Account Administrator, as the portal builds it. */
  admin: TenantContext;
  /** Context of a member with only Account Member. */
  member: TenantContext;
  adminUserId: string;
  memberUserId: string;
  roleIds: { administrator: string; member: string };
};

export async function createTestTenant(label = "t"): Promise<TestTenant> {
  const suffix = uniqueSuffix();
  const slug = `${label}-${suffix}`;
  const tenant = await createTenant({ type: "cli", label: "test-setup" }, { slug, name: `Test tenant ${suffix}` });
  const cli = await cliTenantContext(slug, "test-setup");
  const roles = await db.role.findMany({ where: { tenantId: tenant.id }, select: { id: true, builtIn: true } });
  const administrator = roles.find((r) => r.builtIn === ACCOUNT_ADMINISTRATOR)!.id;
  const member = roles.find((r) => r.builtIn === ACCOUNT_MEMBER)!.id;

  const adminUser = await addTenantUser(cli, { email: `admin-${suffix}@example.com`, roleIds: [administrator] });
  const memberUser = await addTenantUser(cli, { email: `member-${suffix}@example.com`, roleIds: [] });
  return {
    ...tenant,
    admin: await requireContext(adminUser.userId, slug),
    member: await requireContext(memberUser.userId, slug),
    adminUserId: adminUser.userId,
    memberUserId: memberUser.userId,
    roleIds: { administrator, member },
  };
}

async function requireContext(userId: string, slug: string): Promise<TenantContext> {
  const ctx = await loadUserTenantContext(userId, slug);
  if (!ctx) throw new Error(`user ${userId} is not a member of ${slug}`);
  return ctx;
}

/** A valid client-credentials client; tests override what they are about. */
export function clientInput(overrides: Partial<TCreateClientCredentialsClient> = {}): TCreateClientCredentialsClient {
  return {
    type: "client-credentials",
    name: `Client ${uniqueSuffix()}`,
    secret: { expires: "never" },
    ...overrides,
  };
}

/** A client-credentials client of the Signed JWT security type, registered with `key` (a public key as pasted). */
export function signedJwtClientInput(
  key: string,
  overrides: Partial<TCreateClientCredentialsClient> = {},
): TCreateClientCredentialsClient & { securityType: "signed-jwt" } {
  return {
    type: "client-credentials",
    name: `Signed ${uniqueSuffix()}`,
    ...overrides,
    securityType: "signed-jwt",
    publicKey: { key, description: "first key" },
  };
}

/** YYYY-MM-DD, `days` days from today (UTC). */
export function dateInDays(days: number): string {
  return isoDate(new Date(Date.now() + days * 86_400_000));
}

/** Awaits a rejection and checks it is the DomainError a caller can act on. */
export async function expectDomainError(
  promise: Promise<unknown>,
  code: DomainErrorCode,
  extra: { field?: string; message?: RegExp } = {},
): Promise<DomainError> {
  const error = await promise.then(
    () => {
      throw new Error(`expected DomainError ${code}, but the call succeeded`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  const domainError = error as DomainError;
  expect(domainError.code).toBe(code);
  if ("field" in extra) expect(domainError.field).toBe(extra.field);
  if (extra.message) expect(domainError.message).toMatch(extra.message);
  return domainError;
}

/**
 * Everything a tenant owns that the tested functions could change, for "nothing changed"
 * assertions after a refused call.
 */
export async function tenantState(tenantId: string) {
  const [clients, secrets, keys, auditEvents, memberships] = await Promise.all([
    db.client.findMany({ where: { tenantId }, orderBy: { id: "asc" }, include: { roles: true } }),
    db.clientSecret.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    db.clientKey.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    db.auditEvent.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    db.membership.findMany({ where: { tenantId }, orderBy: { id: "asc" }, include: { roles: true } }),
  ]);
  return { clients, secrets, keys, auditEvents, memberships };
}
