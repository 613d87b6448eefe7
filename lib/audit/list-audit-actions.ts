import "server-only";
import { db } from "@/lib/db/prisma";
import { assertAdministrator, type TenantContext } from "@/lib/tenants/tenant-context";
import { auditActionLabel } from "./audit-action-label";

export type AuditActionOption = { action: string; label: string };

/** The actions present in the tenant's audit log, for the action filter (by label). */
export async function listAuditActions(ctx: TenantContext): Promise<AuditActionOption[]> {
  assertAdministrator(ctx);
  const groups = await db.auditEvent.groupBy({ by: ["action"], where: { tenantId: ctx.tenantId } });
  return groups.map(({ action }) => ({ action, label: auditActionLabel(action) })).sort((a, b) => a.label.localeCompare(b.label));
}
