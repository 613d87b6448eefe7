import "server-only";
import { db } from "@/lib/db/prisma";
import { isUniqueViolation } from "@/lib/db/prisma-errors";
import { DomainError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { BUILT_IN_ROLES } from "@/lib/roles/built-in-roles";
import { parseInput } from "@/lib/validation/parse-input";
import { ZCreateTenant, type TCreateTenant } from "@/lib/validation/tenant";
import type { Actor } from "./tenant-context";

/** Development first: the default for clients created without naming an environment. */
export const DEFAULT_ENVIRONMENTS = ["Development", "Production"];

/** Creates a tenant with its two protected roles and default environments. Only the CLI creates tenants. */
export async function createTenant(actor: Actor, rawInput: TCreateTenant) {
  const input = parseInput(ZCreateTenant, rawInput);
  try {
    return await db.$transaction(async (tx) => {
      const tenant = await tx.tenant.create({
        data: {
          slug: input.slug,
          name: input.name,
          roles: { create: BUILT_IN_ROLES },
          environments: { create: DEFAULT_ENVIRONMENTS.map((name) => ({ name })) },
        },
      });
      await recordAuditEvent(
        tx,
        { tenantId: tenant.id, tenantSlug: tenant.slug, tenantName: tenant.name, actor, isAdministrator: true },
        { action: "tenant.create", target: { type: "tenant", id: tenant.slug, label: tenant.name }, details: { after: input } },
      );
      return { id: tenant.id, slug: tenant.slug, name: tenant.name };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("CONFLICT", `A tenant with slug "${input.slug}" already exists`, "slug");
    throw error;
  }
}
