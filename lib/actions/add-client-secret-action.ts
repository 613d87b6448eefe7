"use server";

import { addClientSecret } from "@/lib/secrets/add-client-secret";
import { ZAddClientSecret } from "@/lib/validation/client-secret";
import { tenantAction } from "./tenant-action";

/**
 * The response of this action is the one place the new secret's plaintext travels: the
 * browser keeps it in the one-time dialog's state only. Revalidating re-renders the page
 * in the same response (from the database, so without the plaintext).
 */
export const addClientSecretAction = tenantAction({
  schema: ZAddClientSecret,
  requireAdministrator: true,
  revalidate: ["/clients"],
  async run(ctx, input) {
    const { plaintext, ...secret } = await addClientSecret(ctx, input.clientId, input.secret, "secret.");
    return { clientId: input.clientId, secretId: secret.id, hint: secret.hint, expiresAt: secret.expiresAt, clientSecret: plaintext };
  },
});
