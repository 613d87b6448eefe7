import { addClientSecret } from "@/lib/secrets/add-client-secret";
import { deleteClientSecret } from "@/lib/secrets/delete-client-secret";
import { listClientSecrets } from "@/lib/secrets/list-client-secrets";
import { getTenantSettings } from "@/lib/tenants/get-tenant-settings";
import { cliTenantContext } from "@/lib/tenants/load-tenant-context";
import { defaultSecretExpiry } from "@/lib/validation/secret";
import { CLIENT_OPTION, JSON_OPTION, TENANT_OPTION, optional, required, type Command } from "../command";

export const addSecretCommand: Command = {
  name: "secrets add",
  usage: "secrets add --tenant S --client ID [--description D] [--expires YYYY-MM-DD|never] [--json]",
  options: { ...TENANT_OPTION, ...CLIENT_OPTION, description: { type: "string" }, expires: { type: "string" }, ...JSON_OPTION },
  async run(values, out) {
    const clientId = required(values, "client");
    const ctx = await cliTenantContext(required(values, "tenant"));
    const { plaintext, ...secret } = await addClientSecret(ctx, clientId, {
      description: optional(values, "description") ?? "",
      expires: optional(values, "expires") ?? defaultSecretExpiry(new Date(), (await getTenantSettings(ctx)).maxSecretLifetimeDays),
    });
    if (out.json) return out.printJson({ clientId, clientSecret: plaintext, secret });
    out.print(`Client Secret: ${plaintext}`);
    out.print(`Secret id ${secret.id}; shown once and cannot be retrieved again. Expires: ${secret.expiresAt?.toISOString() ?? "never"}`);
  },
};

export const deleteSecretCommand: Command = {
  name: "secrets delete",
  usage: "secrets delete --tenant S --client ID --secret SECRET_ID [--json]",
  options: { ...TENANT_OPTION, ...CLIENT_OPTION, secret: { type: "string" }, ...JSON_OPTION },
  async run(values, out) {
    const [clientId, secretId] = [required(values, "client"), required(values, "secret")];
    const ctx = await cliTenantContext(required(values, "tenant"));
    await deleteClientSecret(ctx, clientId, secretId);
    if (out.json) return out.printJson({ deleted: secretId });
    out.print(`Deleted secret ${secretId}`);
  },
};

export const listSecretsCommand: Command = {
  name: "secrets list",
  usage: "secrets list --tenant S --client ID [--json]",
  options: { ...TENANT_OPTION, ...CLIENT_OPTION, ...JSON_OPTION },
  async run(values, out) {
    const clientId = required(values, "client");
    const ctx = await cliTenantContext(required(values, "tenant"));
    const secrets = await listClientSecrets(ctx, clientId);
    if (out.json) return out.printJson({ secrets });
    for (const s of secrets) {
      out.print(`${s.id}  ${s.hint}…  expires ${s.expiresAt?.toISOString() ?? "never"}  last used ${s.lastUsedAt?.toISOString() ?? "never"}  ${s.description}`);
    }
  },
};
