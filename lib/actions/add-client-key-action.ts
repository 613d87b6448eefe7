"use server";

import { addClientKey } from "@/lib/client-keys/add-client-key";
import { ZAddClientKey } from "@/lib/validation/client-key";
import { tenantAction } from "./tenant-action";

/** Answers with the key's public summary only (kid, thumbprint, type); the JWK stays on the server. */
export const addClientKeyAction = tenantAction({
  schema: ZAddClientKey,
  requireAdministrator: true,
  revalidate: ["/clients"],
  run: (ctx, input) => addClientKey(ctx, input.clientId, input.publicKey, "publicKey."),
});
