import "server-only";
import { findTenantClient } from "@/lib/clients/find-tenant-client";
import { assertAdministrator, type TenantContext } from "@/lib/tenants/tenant-context";
import { tenantTransaction } from "@/lib/tenants/tenant-transaction";
import type { TPublicKeyInput } from "@/lib/validation/client-key";
import { insertClientKey, type ClientKeySummary } from "./insert-client-key";

/**
 * Registers another public key (rotation: add the new key, switch the application, delete the old).
 * `fieldPrefix` names where the key's fields sit in the caller's form, e.g. "publicKey.".
 */
export async function addClientKey(ctx: TenantContext, clientId: string, input: TPublicKeyInput, fieldPrefix = ""): Promise<ClientKeySummary> {
  assertAdministrator(ctx);
  return tenantTransaction(ctx, async (tx) => insertClientKey(tx, ctx, await findTenantClient(tx, ctx, clientId), input, fieldPrefix));
}
