"use server";

import { createClient } from "@/lib/clients/create-client";
import { ZCreateClient } from "@/lib/validation/client";
import { tenantAction } from "./tenant-action";

/**
 * The response of this action is the one place a new secret's plaintext travels: the
 * browser keeps it in the one-time dialog's state only. A signed-JWT client gets its
 * first key's public summary instead (never the JWK itself).
 */
export const createClientAction = tenantAction({
  schema: ZCreateClient,
  requireAdministrator: true,
  revalidate: ["/clients"],
  async run(ctx, input) {
    const client = await createClient(ctx, input);
    return {
      clientId: client.clientId,
      name: client.name,
      type: client.type,
      clientSecret: client.secret?.plaintext ?? null,
      secretExpiresAt: client.secret?.expiresAt ?? null,
      key: client.key,
    };
  },
});
