"use server";

import { removeMember } from "@/lib/users/remove-member";
import { ZRemoveMember } from "@/lib/validation/user";
import { tenantAction } from "./tenant-action";

export const removeMemberAction = tenantAction({
  schema: ZRemoveMember,
  requireAdministrator: true,
  revalidate: ["/users", "/roles"],
  run: (ctx, input) => removeMember(ctx, input),
});
