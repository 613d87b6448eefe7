import { ACCOUNT_ADMINISTRATOR, ACCOUNT_MEMBER, type BuiltInRole } from "@/lib/roles/built-in-roles";

/** What the two protected roles mean, in the words an administrator needs. */
export const BUILT_IN_ROLE_TEXT: Record<BuiltInRole, string> = {
  [ACCOUNT_ADMINISTRATOR]: "Manages this tenant: clients, secrets, users, roles and settings. A tenant always keeps at least one Account Administrator.",
  [ACCOUNT_MEMBER]:
    "Every user and client of the tenant has it, and it can’t be taken away. On its own it lets a user view the portal without changing anything.",
};
