"use server";

import { setClientRoles } from "@/lib/roles/set-client-roles";
import { ZSetClientRoles } from "@/lib/validation/role";
import { tenantAction } from "./tenant-action";

export const setClientRolesAction = tenantAction({
  schema: ZSetClientRoles,
  requireAdministrator: true,
  revalidate: ["/clients", "/roles"],
  run: (ctx, input) => setClientRoles(ctx, input),
});
