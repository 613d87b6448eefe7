import "server-only";
import { isUniqueViolation } from "@/lib/db/prisma-errors";
import { DomainError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { assertAdministrator, type TenantContext } from "@/lib/tenants/tenant-context";
import { ZRenameEnvironment, type TRenameEnvironment } from "@/lib/validation/environment";
import { parseInput } from "@/lib/validation/parse-input";
import { assertEnvironmentNameFree } from "./assert-environment-name-free";
import { findTenantEnvironment } from "./find-tenant-environment";
import { tenantTransaction } from "@/lib/tenants/tenant-transaction";

export type RenamedEnvironment = { id: string; name: string; previousName: string };

/** Tokens carry the environment's name, so its clients get the new name in their next token. */
export async function renameEnvironment(ctx: TenantContext, rawInput: TRenameEnvironment): Promise<RenamedEnvironment> {
  assertAdministrator(ctx);
  const input = parseInput(ZRenameEnvironment, rawInput);
  try {
    return await tenantTransaction(ctx, async (tx) => {
      const before = await findTenantEnvironment(tx, ctx, input.environmentId);
      if (before.name === input.name) return { ...before, previousName: before.name };
      await assertEnvironmentNameFree(tx, ctx, input.name, before.id);
      await tx.environment.update({ where: { id: before.id, tenantId: ctx.tenantId }, data: { name: input.name } });
      await recordAuditEvent(tx, ctx, {
        action: "environment.update",
        target: { type: "environment", id: before.id, label: input.name },
        details: { before: { name: before.name }, after: { name: input.name } },
      });
      return { id: before.id, name: input.name, previousName: before.name };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("CONFLICT", `An environment named "${input.name}" already exists.`, "name");
    throw error;
  }
}
