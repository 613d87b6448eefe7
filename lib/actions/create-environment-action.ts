"use server";

import { createEnvironment } from "@/lib/environments/create-environment";
import { ZCreateEnvironment } from "@/lib/validation/environment";
import { tenantAction } from "./tenant-action";

export const createEnvironmentAction = tenantAction({
  schema: ZCreateEnvironment,
  requireAdministrator: true,
  // The clients pages offer environments as a filter and in their forms.
  revalidate: ["/environments", "/clients"],
  run: createEnvironment,
});
