"use server";

import { deleteClient } from "@/lib/clients/delete-client";
import { ZDeleteClient } from "@/lib/validation/client";
import { tenantAction } from "./tenant-action";

export const deleteClientAction = tenantAction({
  schema: ZDeleteClient,
  requireAdministrator: true,
  revalidate: ["/clients"],
  run: (ctx, input) => deleteClient(ctx, input.clientId),
});
