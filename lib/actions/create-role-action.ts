"use server";

import { createRole } from "@/lib/roles/create-role";
import { ZCreateRole } from "@/lib/validation/role";
import { tenantAction } from "./tenant-action";

export const createRoleAction = tenantAction({
  schema: ZCreateRole,
  requireAdministrator: true,
  revalidate: ["/roles"],
  run: (ctx, input) => createRole(ctx, input),
});
