import { DomainError } from "@/lib/errors";
import { createRole } from "@/lib/roles/create-role";
import { deleteRole } from "@/lib/roles/delete-role";
import { findRoleIdsByName } from "@/lib/roles/find-role-ids-by-name";
import { listRolesWithUsage } from "@/lib/roles/list-roles-with-usage";
import { updateRole } from "@/lib/roles/update-role";
import { cliTenantContext } from "@/lib/tenants/load-tenant-context";
import { JSON_OPTION, TENANT_OPTION, required, type Command } from "../command";

const str = (value: unknown) => (typeof value === "string" ? value : undefined);

export const listRolesCommand: Command = {
  name: "roles list",
  usage: "roles list --tenant S [--json]",
  options: { ...TENANT_OPTION, ...JSON_OPTION },
  async run(values, out) {
    const ctx = await cliTenantContext(required(values, "tenant"));
    const roles = await listRolesWithUsage(ctx);
    if (out.json) return out.printJson({ tenant: ctx.tenantSlug, roles });
    for (const role of roles) {
      out.print(`${role.name}${role.builtIn ? " (built-in)" : ""}  ${role.userCount} user(s), ${role.clientCount} client(s)`);
    }
  },
};

export const createRoleCommand: Command = {
  name: "roles create",
  usage: "roles create --tenant S --name N [--description D] [--json]",
  options: { ...TENANT_OPTION, name: { type: "string" }, description: { type: "string" }, ...JSON_OPTION },
  async run(values, out) {
    const name = required(values, "name");
    const ctx = await cliTenantContext(required(values, "tenant"));
    const role = await createRole(ctx, { name, description: str(values.description) });
    if (out.json) return out.printJson({ tenant: ctx.tenantSlug, ...role });
    out.print(`Created role "${role.name}" in ${ctx.tenantSlug}`);
  },
};

export const renameRoleCommand: Command = {
  name: "roles rename",
  usage: "roles rename --tenant S --role R --name N [--description D] [--json]",
  options: { ...TENANT_OPTION, role: { type: "string" }, name: { type: "string" }, description: { type: "string" }, ...JSON_OPTION },
  async run(values, out) {
    const current = required(values, "role");
    const name = required(values, "name");
    const ctx = await cliTenantContext(required(values, "tenant"));
    const [roleId] = await findRoleIdsByName(ctx, [current], "role");
    const role = await updateRole(ctx, { roleId: roleId!, name, description: str(values.description) });
    if (out.json) return out.printJson({ tenant: ctx.tenantSlug, ...role });
    out.print(`Renamed role "${current}" to "${role.name}" in ${ctx.tenantSlug}`);
  },
};

export const deleteRoleCommand: Command = {
  name: "roles delete",
  usage: "roles delete --tenant S --role R [--remove-assignments] [--json]",
  options: { ...TENANT_OPTION, role: { type: "string" }, "remove-assignments": { type: "boolean" }, ...JSON_OPTION },
  async run(values, out) {
    const name = required(values, "role");
    const ctx = await cliTenantContext(required(values, "tenant"));
    const [roleId] = await findRoleIdsByName(ctx, [name], "role");
    const role = await deleteRole(ctx, { roleId: roleId!, removeAssignments: values["remove-assignments"] === true }).catch((error: unknown) => {
      // The portal asks for confirmation; here it is a flag.
      if (error instanceof DomainError && error.code === "CONFLICT") throw new DomainError("CONFLICT", `${error.message} Add --remove-assignments to confirm.`);
      throw error;
    });
    if (out.json) return out.printJson({ tenant: ctx.tenantSlug, ...role });
    out.print(`Deleted role "${role.name}" from ${ctx.tenantSlug} (removed from ${role.userCount} user(s) and ${role.clientCount} client(s))`);
  },
};

export const ROLE_COMMANDS = [listRolesCommand, createRoleCommand, renameRoleCommand, deleteRoleCommand];
