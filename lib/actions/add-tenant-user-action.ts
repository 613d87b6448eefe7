"use server";

import { addTenantUser } from "@/lib/users/add-tenant-user";
import { ZAddTenantUser } from "@/lib/validation/user";
import { tenantAction } from "./tenant-action";

export const addTenantUserAction = tenantAction({
  schema: ZAddTenantUser,
  requireAdministrator: true,
  revalidate: ["/users", "/roles"],
  run: (ctx, input) => addTenantUser(ctx, input),
});
