import "server-only";
import type { TenantContext } from "@/lib/tenants/tenant-context";

/** Why a change was refused by the last-administrator rule, addressed to whoever tried it. */
export function lastAdministratorMessage(ctx: TenantContext, member: { id: string; email: string }, change: "removed" | "demoted"): string {
  const self = ctx.actor.type === "user" && ctx.actor.userId === member.id;
  const who = self ? "You are" : `${member.email} is`;
  const what = change === "removed" ? "can't be removed" : "must keep the Account Administrator role";
  return `${who} the last Account Administrator of this tenant and ${what}. Give another member the Account Administrator role first.`;
}
