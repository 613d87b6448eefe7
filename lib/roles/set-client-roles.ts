import "server-only";
import { DomainError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { findTenantClient } from "@/lib/clients/find-tenant-client";
import { assertAdministrator, type TenantContext } from "@/lib/tenants/tenant-context";
import { parseInput } from "@/lib/validation/parse-input";
import { CLIENT_ROLES_NOT_USED, clientTypeCarriesRoles, ZSetClientRoles, type TSetClientRoles } from "@/lib/validation/role";
import { listsDiffer } from "./lists-differ";
import { resolveTenantRoleIds } from "./resolve-tenant-role-ids";
import { tenantTransaction } from "@/lib/tenants/tenant-transaction";

/**
 * Replaces a client-credentials client's roles with the given ones plus Account Member.
 * The token service reads roles at each token request, so the next token has them.
 */
export async function setClientRoles(ctx: TenantContext, rawInput: TSetClientRoles): Promise<{ clientId: string; roles: string[] }> {
  assertAdministrator(ctx);
  const input = parseInput(ZSetClientRoles, rawInput);
  return tenantTransaction(ctx, async (tx) => {
    const client = await findTenantClient(tx, ctx, input.clientId);
    if (!clientTypeCarriesRoles(client.type)) throw new DomainError("VALIDATION", CLIENT_ROLES_NOT_USED, "roleIds");
    const roles = await resolveTenantRoleIds(tx, ctx, input.roleIds);
    const before = await tx.clientRole.findMany({
      where: { clientId: client.id, client: { tenantId: ctx.tenantId } },
      select: { role: { select: { name: true } } },
    });
    const beforeNames = before.map((r) => r.role.name).sort();
    const afterNames = roles.map((r) => r.name);
    if (!listsDiffer(beforeNames, afterNames)) return { clientId: client.clientId, roles: afterNames };

    await tx.clientRole.deleteMany({ where: { clientId: client.id } });
    await tx.clientRole.createMany({ data: roles.map((role) => ({ clientId: client.id, roleId: role.id })) });
    await recordAuditEvent(tx, ctx, {
      action: "client.roles",
      target: { type: "client", id: client.clientId, label: client.name },
      details: { before: { roles: beforeNames }, after: { roles: afterNames } },
    });
    return { clientId: client.clientId, roles: afterNames };
  });
}
