"use server";

import { deleteClientSecret } from "@/lib/secrets/delete-client-secret";
import { ZDeleteClientSecret } from "@/lib/validation/client-secret";
import { tenantAction } from "./tenant-action";

/** Takes effect at the token endpoint at once: applications using the secret stop working. */
export const deleteClientSecretAction = tenantAction({
  schema: ZDeleteClientSecret,
  requireAdministrator: true,
  revalidate: ["/clients"],
  async run(ctx, input) {
    await deleteClientSecret(ctx, input.clientId, input.secretId);
    return { secretId: input.secretId };
  },
});
