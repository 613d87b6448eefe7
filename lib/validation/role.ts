import { z } from "zod";
import { ZClientId, ZRoleIds } from "./client";

export const ROLE_NAME_MAX = 60;

/**
 * A custom role's name. Uniqueness per tenant is case-insensitive and checked by the
 * domain (lib/roles/assert-role-name-free.ts), because it needs the tenant's other roles.
 */
export const ZRoleName = z
  .string({ error: "Enter a name" })
  .trim()
  .min(1, "Enter a name")
  .max(ROLE_NAME_MAX, `Name can be at most ${ROLE_NAME_MAX} characters`);

const ZDescriptionText = z.string({ error: "Enter the description as text" }).trim().max(300, "Description can be at most 300 characters");
export const ZRoleDescription = ZDescriptionText.default("");

const ZRoleId = z.string({ error: "Choose a role" }).trim().min(1, "Choose a role").max(100, "Choose a role");

export const ZCreateRole = z.object({ name: ZRoleName, description: ZRoleDescription });
export type TCreateRole = z.input<typeof ZCreateRole>;

/** Rename and/or describe a custom role (built-in roles are protected); no description keeps it. */
export const ZUpdateRole = z.object({ roleId: ZRoleId, name: ZRoleName, description: ZDescriptionText.optional() });
export type TUpdateRole = z.input<typeof ZUpdateRole>;

export const ZDeleteRole = z.object({
  roleId: ZRoleId,
  /**
   * The admin saw and confirmed that the role's assignments go with it. Without it a role
   * that is (perhaps by now) assigned is refused, so nothing is removed unconfirmed.
   */
  removeAssignments: z.boolean({ error: "Confirm whether the role's assignments go with it" }).default(false),
});
export type TDeleteRole = z.input<typeof ZDeleteRole>;

/** The complete set of roles a client should have, in addition to Account Member. */
export const ZSetClientRoles = z.object({ clientId: ZClientId, roleIds: ZRoleIds });
export type TSetClientRoles = z.input<typeof ZSetClientRoles>;

/**
 * Only client-credentials clients act as themselves, so only their roles reach a token.
 * Authorization code and hybrid clients sign users in, and the user's roles count (seed 003).
 */
export function clientTypeCarriesRoles(type: string): boolean {
  return type === "client-credentials";
}

export const CLIENT_ROLES_NOT_USED =
  "Only client-credentials clients have roles of their own. Authorization code and hybrid clients sign users in, and the roles of the signed-in user apply.";
