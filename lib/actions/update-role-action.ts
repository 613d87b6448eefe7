"use server";

import { updateRole } from "@/lib/roles/update-role";
import { ZUpdateRole } from "@/lib/validation/role";
import { tenantAction } from "./tenant-action";

// Role names appear on the users and clients lists too.
export const updateRoleAction = tenantAction({
  schema: ZUpdateRole,
  requireAdministrator: true,
  revalidate: ["/roles", "/users", "/clients"],
  run: (ctx, input) => updateRole(ctx, input),
});
