"use server";

import { createClient } from "@/lib/clients/create-client";
import { ZCreateClientCredentialsClient } from "@/lib/validation/client";
import { tenantAction } from "./tenant-action";

/**
 * The response of this action is the one place the new secret's plaintext travels: the
 * browser keeps it in the one-time dialog's state only.
 */
export const createClientAction = tenantAction({
  schema: ZCreateClientCredentialsClient,
  requireAdministrator: true,
  revalidate: ["/clients"],
  async run(ctx, input) {
    const client = await createClient(ctx, input);
    return {
      clientId: client.clientId,
      name: client.name,
      clientSecret: client.secret.plaintext,
      secretExpiresAt: client.secret.expiresAt,
    };
  },
});
