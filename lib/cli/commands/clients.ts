import { createClient } from "@/lib/clients/create-client";
import { listClients } from "@/lib/clients/list-clients";
import { findRoleIdsByName } from "@/lib/roles/find-role-ids-by-name";
import { cliTenantContext } from "@/lib/tenants/load-tenant-context";
import { CLIENT_TYPES } from "@/lib/validation/client";
import { defaultSecretExpiry } from "@/lib/validation/secret";
import { JSON_OPTION, TENANT_OPTION, UsageError, list, required, type Command } from "../command";

export const createClientCommand: Command = {
  name: "clients create",
  usage:
    "clients create --tenant S --type client-credentials --name N [--role R]... [--lifetime SEC] [--client-id GUID] [--secret-description D] [--secret-expires YYYY-MM-DD|never] [--json]",
  options: {
    ...TENANT_OPTION,
    type: { type: "string" },
    name: { type: "string" },
    description: { type: "string" },
    role: { type: "string", multiple: true },
    lifetime: { type: "string" },
    "client-id": { type: "string" },
    "secret-description": { type: "string" },
    "secret-expires": { type: "string" },
    ...JSON_OPTION,
  },
  async run(values, out) {
    // Argument checks come before any lookup, so a bad command line is always exit code 2.
    const type = required(values, "type");
    const name = required(values, "name");
    if (type !== "client-credentials") {
      const others = CLIENT_TYPES.filter((t) => t !== "client-credentials").join(", ");
      throw new UsageError(`--type must be client-credentials (${others} are created in the portal for now)`);
    }
    const ctx = await cliTenantContext(required(values, "tenant"));
    const client = await createClient(ctx, {
      type,
      name,
      description: typeof values.description === "string" ? values.description : undefined,
      clientId: typeof values["client-id"] === "string" ? values["client-id"] : undefined,
      roleIds: await findRoleIdsByName(ctx, list(values, "role"), "role"),
      tokenLifetime: typeof values.lifetime === "string" ? values.lifetime : undefined,
      secret: {
        description: typeof values["secret-description"] === "string" ? values["secret-description"] : "",
        expires: typeof values["secret-expires"] === "string" ? values["secret-expires"] : defaultSecretExpiry(),
      },
    });
    const { plaintext, ...secret } = client.secret;
    if (out.json) {
      return out.printJson({
        tenant: ctx.tenantSlug,
        clientId: client.clientId,
        clientSecret: plaintext,
        name: client.name,
        type: client.type,
        tokenLifetime: client.tokenLifetime,
        roles: client.roles,
        secret,
      });
    }
    out.print(`Created ${client.type} client "${client.name}"`);
    out.print(`Client Id:     ${client.clientId}`);
    out.print(`Client Secret: ${plaintext}`);
    out.print(`This secret is shown once and cannot be retrieved again. Expires: ${secret.expiresAt?.toISOString() ?? "never"}`);
  },
};

export const listClientsCommand: Command = {
  name: "clients list",
  usage: "clients list --tenant S [--json]",
  options: { ...TENANT_OPTION, ...JSON_OPTION },
  async run(values, out) {
    const ctx = await cliTenantContext(required(values, "tenant"));
    const clients = await listClients(ctx);
    if (out.json) return out.printJson({ tenant: ctx.tenantSlug, clients });
    if (!clients.length) return out.print(`No clients in ${ctx.tenantSlug}`);
    for (const c of clients) {
      out.print(`${c.clientId}  ${c.type.padEnd(18)}  ${c.name}  (${c.secretCount} secret${c.secretCount === 1 ? "" : "s"})`);
    }
  },
};
