import { z } from "zod";
import { ZRoleIds } from "./client";

export const ZEmail = z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address"));

export const ZAddTenantUser = z.object({
  email: ZEmail,
  name: z.string().trim().max(100, "Name can be at most 100 characters").optional(),
  roleIds: ZRoleIds,
});
export type TAddTenantUser = z.input<typeof ZAddTenantUser>;

const ZUserId = z.string().trim().min(1, "Choose a user");

/** The complete set of roles a member should have, in addition to Account Member. */
export const ZSetMemberRoles = z.object({ userId: ZUserId, roleIds: ZRoleIds });
export type TSetMemberRoles = z.input<typeof ZSetMemberRoles>;

export const ZRemoveMember = z.object({ userId: ZUserId });
export type TRemoveMember = z.input<typeof ZRemoveMember>;

export const ZEndMemberSessions = z.object({ userId: ZUserId });
export type TEndMemberSessions = z.input<typeof ZEndMemberSessions>;
