import "server-only";
import type { Db } from "@/lib/db/prisma";
import { DomainError } from "@/lib/errors";
import { CLIENT_NAME_POLICIES, type TClientNamePolicy, type TTenantSettingsParsed } from "@/lib/validation/tenant-settings";
import { latestSecretExpiry } from "@/lib/validation/secret";
import type { TenantContext } from "./tenant-context";

export type TenantPolicy = TTenantSettingsParsed;

export async function loadTenantPolicy(tx: Pick<Db, "tenant">, ctx: TenantContext): Promise<TenantPolicy> {
  const tenant = await tx.tenant.findUniqueOrThrow({
    where: { id: ctx.tenantId },
    select: { maxSecretLifetimeDays: true, allowNeverExpiringSecrets: true, clientNamePolicy: true },
  });
  return { ...tenant, clientNamePolicy: (tenant.clientNamePolicy as TClientNamePolicy | null) ?? null };
}

/** The tenant's secret policy, enforced wherever a secret is created (portal and CLI alike). */
export function assertSecretExpiryAllowed(policy: TenantPolicy, expires: string, field: string, now = new Date()): void {
  if (expires === "never") {
    if (!policy.allowNeverExpiringSecrets) {
      throw new DomainError("VALIDATION", "This tenant's policy requires every secret to expire: choose an expiry date", field);
    }
    if (policy.maxSecretLifetimeDays !== null) {
      throw new DomainError("VALIDATION", `This tenant's policy allows secrets of at most ${policy.maxSecretLifetimeDays} days: choose an expiry date`, field);
    }
    return;
  }
  const latest = latestSecretExpiry(policy.maxSecretLifetimeDays, now);
  // Dates in YYYY-MM-DD compare as text.
  if (latest !== null && expires > latest) {
    throw new DomainError("VALIDATION", `This tenant's policy allows secrets of at most ${policy.maxSecretLifetimeDays} days`, field);
  }
}

export function assertClientNameAllowed(policy: TenantPolicy, name: string, field = "name"): void {
  if (!policy.clientNamePolicy) return;
  const rule = CLIENT_NAME_POLICIES[policy.clientNamePolicy];
  if (!rule.pattern.test(name)) throw new DomainError("VALIDATION", rule.message, field);
}
