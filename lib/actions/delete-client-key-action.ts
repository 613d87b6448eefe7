"use server";

import { deleteClientKey } from "@/lib/client-keys/delete-client-key";
import { ZDeleteClientKey } from "@/lib/validation/client-key";
import { tenantAction } from "./tenant-action";

/** Takes effect at the token endpoint at once: assertions signed with the key are refused. */
export const deleteClientKeyAction = tenantAction({
  schema: ZDeleteClientKey,
  requireAdministrator: true,
  revalidate: ["/clients"],
  async run(ctx, input) {
    await deleteClientKey(ctx, input.clientId, input.keyId);
    return { keyId: input.keyId };
  },
});
