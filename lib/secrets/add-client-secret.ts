import "server-only";
import { db } from "@/lib/db/prisma";
import { findTenantClient } from "@/lib/clients/find-tenant-client";
import { assertAdministrator, type TenantContext } from "@/lib/tenants/tenant-context";
import type { TSecretInput } from "@/lib/validation/secret";
import { insertClientSecret, type CreatedSecret } from "./insert-client-secret";

export async function addClientSecret(ctx: TenantContext, clientId: string, input: TSecretInput): Promise<CreatedSecret> {
  assertAdministrator(ctx);
  return db.$transaction(async (tx) => {
    const client = await findTenantClient(tx, ctx, clientId);
    return insertClientSecret(tx, ctx, client, input);
  });
}
