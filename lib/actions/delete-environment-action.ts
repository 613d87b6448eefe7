"use server";

import { deleteEnvironment } from "@/lib/environments/delete-environment";
import { ZDeleteEnvironment } from "@/lib/validation/environment";
import { tenantAction } from "./tenant-action";

export const deleteEnvironmentAction = tenantAction({
  schema: ZDeleteEnvironment,
  requireAdministrator: true,
  // The clients pages offer environments as a filter and in their forms.
  revalidate: ["/environments", "/clients"],
  run: deleteEnvironment,
});
