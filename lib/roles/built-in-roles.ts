export const ACCOUNT_ADMINISTRATOR = "account-administrator";
export const ACCOUNT_MEMBER = "account-member";
export type BuiltInRole = typeof ACCOUNT_ADMINISTRATOR | typeof ACCOUNT_MEMBER;

export const BUILT_IN_ROLES: { builtIn: BuiltInRole; name: string; description: string }[] = [
  {
    builtIn: ACCOUNT_ADMINISTRATOR,
    name: "Account Administrator",
    description: "Manages clients, users, roles and settings of the tenant.",
  },
  {
    builtIn: ACCOUNT_MEMBER,
    name: "Account Member",
    description: "Every user and client of the tenant has this role; it cannot be removed.",
  },
];

/**
 * The Account Member rule: whatever roles are chosen, Account Member is always among
 * them, exactly once.
 */
export function withAccountMember(roleIds: readonly string[], accountMemberRoleId: string): string[] {
  return [...new Set([accountMemberRoleId, ...roleIds])];
}
