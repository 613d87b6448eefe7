import "server-only";
import { db } from "@/lib/db/prisma";
import type { TenantContext } from "./tenant-context";
import { loadTenantPolicy, type TenantPolicy } from "./tenant-policy";

/** The tenant's settings (secret and client-name policy), for forms and the CLI's defaults. */
export function getTenantSettings(ctx: TenantContext): Promise<TenantPolicy> {
  return loadTenantPolicy(db, ctx);
}
