import "server-only";
import { DomainError } from "@/lib/errors";

/** Who is acting: a signed-in user, an operator at the server's command line, or the token service itself (its alerts). */
export type Actor = { type: "user"; userId: string; label: string } | { type: "cli"; label: string } | { type: "token-service"; label: string };

/**
 * Every domain function takes this and scopes its queries by tenantId. It is built only
 * by loadUserTenantContext (portal: membership checked) or cliTenantContext (CLI).
 */
export type TenantContext = {
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  actor: Actor;
  isAdministrator: boolean;
};

export function assertAdministrator(ctx: TenantContext): void {
  if (!ctx.isAdministrator) {
    throw new DomainError("FORBIDDEN", "You need the Account Administrator role to do this.");
  }
}

export function actorUserId(actor: Actor): string | null {
  return actor.type === "user" ? actor.userId : null;
}
