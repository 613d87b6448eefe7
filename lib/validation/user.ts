import { z } from "zod";
import { ZRoleIds } from "./client";

export const ZEmail = z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address"));

export const ZAddTenantUser = z.object({
  email: ZEmail,
  name: z.string().trim().max(100, "Name can be at most 100 characters").optional(),
  roleIds: ZRoleIds,
});
export type TAddTenantUser = z.input<typeof ZAddTenantUser>;
