import { findRoleIdsByName } from "@/lib/roles/find-role-ids-by-name";
import { cliTenantContext } from "@/lib/tenants/load-tenant-context";
import { addTenantUser } from "@/lib/users/add-tenant-user";
import { endMemberSessions } from "@/lib/users/end-member-sessions";
import { findMemberIdByEmail } from "@/lib/users/find-member-id-by-email";
import { JSON_OPTION, TENANT_OPTION, list, required, type Command } from "../command";

export const addUserCommand: Command = {
  name: "users add",
  usage: "users add --tenant S --email E [--name N] [--role R]... [--json]",
  options: { ...TENANT_OPTION, email: { type: "string" }, name: { type: "string" }, role: { type: "string", multiple: true }, ...JSON_OPTION },
  async run(values, out) {
    const email = required(values, "email");
    const ctx = await cliTenantContext(required(values, "tenant"));
    const roleIds = await findRoleIdsByName(ctx, list(values, "role"), "role");
    const user = await addTenantUser(ctx, {
      email,
      name: typeof values.name === "string" ? values.name : undefined,
      roleIds,
    });
    if (out.json) return out.printJson(user);
    out.print(`Added ${user.email} to ${ctx.tenantSlug} with roles: ${user.roles.join(", ")}`);
  },
};

export const signOutUserCommand: Command = {
  name: "users sign-out",
  usage: "users sign-out --tenant S --email E [--json]",
  options: { ...TENANT_OPTION, email: { type: "string" }, ...JSON_OPTION },
  async run(values, out) {
    const ctx = await cliTenantContext(required(values, "tenant"));
    const userId = await findMemberIdByEmail(ctx, required(values, "email"));
    const result = await endMemberSessions(ctx, { userId });
    if (out.json) return out.printJson(result);
    out.print(`Signed out ${result.email} everywhere: ${result.ended} session${result.ended === 1 ? "" : "s"} ended`);
  },
};
