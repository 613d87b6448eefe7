"use server";

import { checkNewClient } from "@/lib/clients/check-new-client";
import { ZCheckNewClient } from "@/lib/validation/client";
import { tenantAction } from "./tenant-action";

/** Asked by the Add client form when Name or Client Id is left, and before the last step. Reads only. */
export const checkNewClientAction = tenantAction({
  schema: ZCheckNewClient,
  requireAdministrator: true,
  run: (ctx, input) => checkNewClient(ctx, input),
});
