import "server-only";
import { findTenantClient } from "@/lib/clients/find-tenant-client";
import { assertAdministrator, type TenantContext } from "@/lib/tenants/tenant-context";
import type { TSecretInput } from "@/lib/validation/secret";
import { insertClientSecret, type CreatedSecret } from "./insert-client-secret";
import { tenantTransaction } from "@/lib/tenants/tenant-transaction";

/**
 * Adds a secret to an existing client (rotation: add the new one before deleting the old).
 * `fieldPrefix` names where the secret's fields sit in the caller's form, e.g. "secret.".
 */
export async function addClientSecret(ctx: TenantContext, clientId: string, input: TSecretInput, fieldPrefix = ""): Promise<CreatedSecret> {
  assertAdministrator(ctx);
  return tenantTransaction(ctx, async (tx) => {
    const client = await findTenantClient(tx, ctx, clientId);
    return insertClientSecret(tx, ctx, client, input, fieldPrefix);
  });
}
