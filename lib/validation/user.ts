import { z } from "zod";
import { ZRoleIds } from "./client";

/**
 * The one normaliser of email addresses (forms, CLI, sign-in). ASCII only, checked before
 * lowercasing: Unicode case folding turns other letters into ASCII ones
 * ("\u212Aate@…", with the Kelvin sign, lowercases to "kate@…"), so one person's address could pass for another's.
 */
export const ZEmail = z
  .string({ error: "Enter an email address" })
  .trim()
  .regex(/^[\x21-\x7e]*$/, "Email addresses can use only ASCII letters, digits and symbols")
  .toLowerCase()
  .pipe(z.email("Enter a valid email address"));

export const ZAddTenantUser = z.object({
  email: ZEmail,
  name: z.string({ error: "Enter the name as text" }).trim().max(100, "Name can be at most 100 characters").optional(),
  roleIds: ZRoleIds,
});
export type TAddTenantUser = z.input<typeof ZAddTenantUser>;

const ZUserId = z.string({ error: "Choose a user" }).trim().min(1, "Choose a user").max(100, "Choose a user");

/** The complete set of roles a member should have, in addition to Account Member. */
export const ZSetMemberRoles = z.object({ userId: ZUserId, roleIds: ZRoleIds });
export type TSetMemberRoles = z.input<typeof ZSetMemberRoles>;

export const ZRemoveMember = z.object({ userId: ZUserId });
export type TRemoveMember = z.input<typeof ZRemoveMember>;

export const ZEndMemberSessions = z.object({ userId: ZUserId });
export type TEndMemberSessions = z.input<typeof ZEndMemberSessions>;
