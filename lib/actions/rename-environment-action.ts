"use server";

import { renameEnvironment } from "@/lib/environments/rename-environment";
import { ZRenameEnvironment } from "@/lib/validation/environment";
import { tenantAction } from "./tenant-action";

export const renameEnvironmentAction = tenantAction({
  schema: ZRenameEnvironment,
  requireAdministrator: true,
  // The clients pages offer environments as a filter and in their forms.
  revalidate: ["/environments", "/clients"],
  run: renameEnvironment,
});
