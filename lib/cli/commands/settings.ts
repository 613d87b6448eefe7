// Tenant settings and environments from the command line, through the same domain
// functions (and so the same rules and audit entries) as the portal's Settings and
// Environments pages.
import { createEnvironment } from "@/lib/environments/create-environment";
import { deleteEnvironment } from "@/lib/environments/delete-environment";
import { findEnvironmentIdByName } from "@/lib/environments/find-environment-id-by-name";
import { listEnvironments } from "@/lib/environments/list-environments";
import { renameEnvironment } from "@/lib/environments/rename-environment";
import { getTenantSettings } from "@/lib/tenants/get-tenant-settings";
import { cliTenantContext } from "@/lib/tenants/load-tenant-context";
import type { TenantPolicy } from "@/lib/tenants/tenant-policy";
import { updateTenantSettings } from "@/lib/tenants/update-tenant-settings";
import { CLIENT_NAME_POLICIES, type TTenantSettings } from "@/lib/validation/tenant-settings";
import { JSON_OPTION, TENANT_OPTION, UsageError, required, type Command, type Output, type Values } from "../command";

function printSettings(out: Output, tenant: string, settings: TenantPolicy) {
  if (out.json) return out.printJson({ tenant, ...settings });
  out.print(`Maximum secret lifetime: ${settings.maxSecretLifetimeDays === null ? "none" : `${settings.maxSecretLifetimeDays} days`}`);
  out.print(`Secrets that never expire: ${settings.allowNeverExpiringSecrets ? "allowed" : "not allowed"}`);
  out.print(
    `Client-name policy: ${settings.clientNamePolicy ? `${settings.clientNamePolicy} (${CLIENT_NAME_POLICIES[settings.clientNamePolicy].label})` : "none"}`,
  );
}

export const showSettingsCommand: Command = {
  name: "settings show",
  usage: "settings show --tenant S [--json]",
  options: { ...TENANT_OPTION, ...JSON_OPTION },
  async run(values, out) {
    const ctx = await cliTenantContext(required(values, "tenant"));
    printSettings(out, ctx.tenantSlug, await getTenantSettings(ctx));
  },
};

const NEVER_EXPIRING = { allow: true, deny: false } as const;

export const setSettingsCommand: Command = {
  name: "settings set",
  usage: `settings set --tenant S [--max-secret-lifetime-days DAYS|none] [--never-expiring allow|deny] [--client-name-policy ${Object.keys(CLIENT_NAME_POLICIES).join("|")}|none] [--json]`,
  options: {
    ...TENANT_OPTION,
    "max-secret-lifetime-days": { type: "string" },
    "never-expiring": { type: "string" },
    "client-name-policy": { type: "string" },
    ...JSON_OPTION,
  },
  async run(values, out) {
    const changes = settingsChanges(values);
    const ctx = await cliTenantContext(required(values, "tenant"));
    // Options not given keep their current value.
    const { settings, changed } = await updateTenantSettings(ctx, { ...(await getTenantSettings(ctx)), ...changes });
    if (!out.json) out.print(changed ? `Updated the settings of ${ctx.tenantSlug}:` : `No change; the settings of ${ctx.tenantSlug} are:`);
    printSettings(out, ctx.tenantSlug, settings);
  },
};

/** The flags given, checked before any lookup (exit code 2); the domain validates the values. */
function settingsChanges(values: Values): Partial<TTenantSettings> {
  const str = (flag: string) => (typeof values[flag] === "string" ? (values[flag] as string).trim() : undefined);
  const changes: Partial<TTenantSettings> = {};
  const days = str("max-secret-lifetime-days");
  if (days !== undefined) changes.maxSecretLifetimeDays = days === "none" ? null : days;
  const never = str("never-expiring");
  if (never !== undefined) {
    if (!(never in NEVER_EXPIRING)) throw new UsageError("--never-expiring must be allow or deny");
    changes.allowNeverExpiringSecrets = NEVER_EXPIRING[never as keyof typeof NEVER_EXPIRING];
  }
  const policy = str("client-name-policy");
  if (policy !== undefined) changes.clientNamePolicy = policy === "none" ? null : (policy as TTenantSettings["clientNamePolicy"]);
  if (!Object.keys(changes).length) throw new UsageError("give at least one setting to change");
  return changes;
}

export const listEnvironmentsCommand: Command = {
  name: "environments list",
  usage: "environments list --tenant S [--json]",
  options: { ...TENANT_OPTION, ...JSON_OPTION },
  async run(values, out) {
    const ctx = await cliTenantContext(required(values, "tenant"));
    const environments = await listEnvironments(ctx);
    if (out.json) return out.printJson({ tenant: ctx.tenantSlug, environments });
    for (const e of environments) {
      out.print(`${e.name}  (${e.clientCount} client${e.clientCount === 1 ? "" : "s"})${e.isDefault ? "  default for new clients" : ""}`);
    }
  },
};

export const createEnvironmentCommand: Command = {
  name: "environments create",
  usage: "environments create --tenant S --name N [--json]",
  options: { ...TENANT_OPTION, name: { type: "string" }, ...JSON_OPTION },
  async run(values, out) {
    const name = required(values, "name");
    const ctx = await cliTenantContext(required(values, "tenant"));
    const environment = await createEnvironment(ctx, { name });
    if (out.json) return out.printJson(environment);
    out.print(`Created environment "${environment.name}" in ${ctx.tenantSlug}`);
  },
};

export const renameEnvironmentCommand: Command = {
  name: "environments rename",
  usage: "environments rename --tenant S --environment E --name NEW [--json]",
  options: { ...TENANT_OPTION, environment: { type: "string" }, name: { type: "string" }, ...JSON_OPTION },
  async run(values, out) {
    const [current, name] = [required(values, "environment"), required(values, "name")];
    const ctx = await cliTenantContext(required(values, "tenant"));
    const environment = await renameEnvironment(ctx, { environmentId: await findEnvironmentIdByName(ctx, current), name });
    if (out.json) return out.printJson(environment);
    out.print(`Renamed environment "${environment.previousName}" to "${environment.name}"`);
  },
};

export const deleteEnvironmentCommand: Command = {
  name: "environments delete",
  usage: "environments delete --tenant S --environment E [--json]",
  options: { ...TENANT_OPTION, environment: { type: "string" }, ...JSON_OPTION },
  async run(values, out) {
    const name = required(values, "environment");
    const ctx = await cliTenantContext(required(values, "tenant"));
    const environment = await deleteEnvironment(ctx, { environmentId: await findEnvironmentIdByName(ctx, name) });
    if (out.json) return out.printJson({ deleted: environment });
    out.print(`Deleted environment "${environment.name}"`);
  },
};
