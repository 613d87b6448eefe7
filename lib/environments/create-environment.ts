import "server-only";
import { isUniqueViolation } from "@/lib/db/prisma-errors";
import { DomainError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { assertAdministrator, type TenantContext } from "@/lib/tenants/tenant-context";
import { ZCreateEnvironment, type TCreateEnvironment } from "@/lib/validation/environment";
import { parseInput } from "@/lib/validation/parse-input";
import { assertEnvironmentNameFree } from "./assert-environment-name-free";
import { tenantTransaction } from "@/lib/tenants/tenant-transaction";

export type CreatedEnvironment = { id: string; name: string };

export async function createEnvironment(ctx: TenantContext, rawInput: TCreateEnvironment): Promise<CreatedEnvironment> {
  assertAdministrator(ctx);
  const input = parseInput(ZCreateEnvironment, rawInput);
  try {
    return await tenantTransaction(ctx, async (tx) => {
      await assertEnvironmentNameFree(tx, ctx, input.name);
      const environment = await tx.environment.create({ data: { tenantId: ctx.tenantId, name: input.name } });
      await recordAuditEvent(tx, ctx, {
        action: "environment.create",
        target: { type: "environment", id: environment.id, label: environment.name },
        details: { after: { name: environment.name } },
      });
      return { id: environment.id, name: environment.name };
    });
  } catch (error) {
    // The lock makes this unreachable in practice; the unique index is the last word.
    if (isUniqueViolation(error)) throw new DomainError("CONFLICT", `An environment named "${input.name}" already exists.`, "name");
    throw error;
  }
}
