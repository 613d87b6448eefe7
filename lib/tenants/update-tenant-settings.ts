import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { parseInput } from "@/lib/validation/parse-input";
import { ZTenantSettings, type TTenantSettings } from "@/lib/validation/tenant-settings";
import { assertAdministrator, type TenantContext } from "./tenant-context";
import { loadTenantPolicy, type TenantPolicy } from "./tenant-policy";
import { tenantTransaction } from "@/lib/tenants/tenant-transaction";

export type UpdatedTenantSettings = { settings: TenantPolicy; changed: boolean };

/**
 * Replaces the tenant's secret and client-name policy (a setting left out takes its
 * default, as ZTenantSettings says; the CLI merges in the current values first). It
 * applies from now on to new secrets and to new or renamed clients, wherever they are
 * made (portal and CLI); existing secrets and names are left as they are.
 */
export async function updateTenantSettings(ctx: TenantContext, rawInput: TTenantSettings): Promise<UpdatedTenantSettings> {
  assertAdministrator(ctx);
  const input = parseInput(ZTenantSettings, rawInput);
  const after: TenantPolicy = {
    maxSecretLifetimeDays: input.maxSecretLifetimeDays,
    // A maximum lifetime already rules out "never expires"; storing it that way keeps the
    // stored policy, the settings form and the audit entry saying the same thing.
    allowNeverExpiringSecrets: input.maxSecretLifetimeDays === null && input.allowNeverExpiringSecrets,
    clientNamePolicy: input.clientNamePolicy,
  };
  return tenantTransaction(ctx, async (tx) => {
    const before = await loadTenantPolicy(tx, ctx);
    if (samePolicy(before, after)) return { settings: before, changed: false };
    await tx.tenant.update({ where: { id: ctx.tenantId }, data: after });
    await recordAuditEvent(tx, ctx, {
      action: "tenant.settings",
      target: { type: "tenant", id: ctx.tenantSlug, label: ctx.tenantName },
      details: { before, after },
    });
    return { settings: after, changed: true };
  });
}

function samePolicy(a: TenantPolicy, b: TenantPolicy): boolean {
  return (
    a.maxSecretLifetimeDays === b.maxSecretLifetimeDays &&
    a.allowNeverExpiringSecrets === b.allowNeverExpiringSecrets &&
    a.clientNamePolicy === b.clientNamePolicy
  );
}
