"use server";

import { updateClient } from "@/lib/clients/update-client";
import { ZUpdateClient } from "@/lib/validation/client";
import { tenantAction } from "./tenant-action";

export const updateClientAction = tenantAction({
  schema: ZUpdateClient,
  requireAdministrator: true,
  revalidate: ["/clients"],
  run: (ctx, input) => updateClient(ctx, input),
});
