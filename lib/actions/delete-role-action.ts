"use server";

import { deleteRole } from "@/lib/roles/delete-role";
import { ZDeleteRole } from "@/lib/validation/role";
import { tenantAction } from "./tenant-action";

export const deleteRoleAction = tenantAction({
  schema: ZDeleteRole,
  requireAdministrator: true,
  revalidate: ["/roles", "/users", "/clients"],
  run: (ctx, input) => deleteRole(ctx, input),
});
