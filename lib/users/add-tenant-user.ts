import "server-only";
import { isUniqueViolation } from "@/lib/db/prisma-errors";
import { DomainError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { resolveTenantRoleIds } from "@/lib/roles/resolve-tenant-role-ids";
import { assertAdministrator, type TenantContext } from "@/lib/tenants/tenant-context";
import { parseInput } from "@/lib/validation/parse-input";
import { ZAddTenantUser, type TAddTenantUser } from "@/lib/validation/user";
import { tenantTransaction } from "@/lib/tenants/tenant-transaction";

/**
 * Makes a person a member of the tenant with Account Member plus the given roles. They are
 * known by email until their first single sign-on binds the provider's issuer + subject.
 * Someone who already has a Latchkey user (through another tenant) keeps it and its name.
 */
export async function addTenantUser(ctx: TenantContext, rawInput: TAddTenantUser) {
  assertAdministrator(ctx);
  const input = parseInput(ZAddTenantUser, rawInput);
  const add = () =>
    tenantTransaction(ctx, async (tx) => {
      const roles = await resolveTenantRoleIds(tx, ctx, input.roleIds);
      const user = await tx.user.upsert({
        where: { email: input.email },
        create: { email: input.email, name: input.name || null },
        update: {},
      });
      const existing = await tx.membership.findUnique({
        where: { tenantId_userId: { tenantId: ctx.tenantId, userId: user.id } },
      });
      if (existing) throw new DomainError("CONFLICT", `${input.email} is already a member of this tenant`, "email");
      await tx.membership.create({
        data: { tenantId: ctx.tenantId, userId: user.id, roles: { create: roles.map((role) => ({ roleId: role.id })) } },
      });
      const roleNames = roles.map((role) => role.name);
      await recordAuditEvent(tx, ctx, {
        action: "membership.create",
        target: { type: "user", id: user.id, label: user.email },
        details: { after: { roles: roleNames } },
      });
      return { userId: user.id, email: user.email, roles: roleNames };
    });
  try {
    return await add();
  } catch (error) {
    // Another tenant added the same new person at the same moment and created their user
    // first; now it exists, so a second attempt adds it to this tenant.
    if (isUniqueViolation(error)) return add();
    throw error;
  }
}
