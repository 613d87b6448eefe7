"use server";

import { setMemberRoles } from "@/lib/users/set-member-roles";
import { ZSetMemberRoles } from "@/lib/validation/user";
import { tenantAction } from "./tenant-action";

export const setMemberRolesAction = tenantAction({
  schema: ZSetMemberRoles,
  requireAdministrator: true,
  revalidate: ["/users", "/roles"],
  run: (ctx, input) => setMemberRoles(ctx, input),
});
