import { addClientKey } from "@/lib/client-keys/add-client-key";
import { deleteClientKey } from "@/lib/client-keys/delete-client-key";
import { listClientKeys } from "@/lib/client-keys/list-client-keys";
import { cliTenantContext } from "@/lib/tenants/load-tenant-context";
import { CLIENT_OPTION, JSON_OPTION, TENANT_OPTION, optional, required, type Command } from "../command";
import { readKeyFile } from "../read-key-file";

export const addClientKeyCommand: Command = {
  name: "client-keys add",
  usage: "client-keys add --tenant S --client ID --public-key FILE|- [--description D] [--json]",
  options: { ...TENANT_OPTION, ...CLIENT_OPTION, "public-key": { type: "string" }, description: { type: "string" }, ...JSON_OPTION },
  async run(values, out) {
    const clientId = required(values, "client");
    const key = readKeyFile(required(values, "public-key"));
    const ctx = await cliTenantContext(required(values, "tenant"));
    const added = await addClientKey(ctx, clientId, { key, description: optional(values, "description") ?? "" });
    if (out.json) return out.printJson({ clientId, key: added });
    out.print(`Added ${added.summary} key "${added.kid}" (id ${added.id}, thumbprint ${added.thumbprint})`);
  },
};

export const deleteClientKeyCommand: Command = {
  name: "client-keys delete",
  usage: "client-keys delete --tenant S --client ID --key KEY_ID [--json]",
  options: { ...TENANT_OPTION, ...CLIENT_OPTION, key: { type: "string" }, ...JSON_OPTION },
  async run(values, out) {
    const [clientId, keyId] = [required(values, "client"), required(values, "key")];
    const ctx = await cliTenantContext(required(values, "tenant"));
    await deleteClientKey(ctx, clientId, keyId);
    if (out.json) return out.printJson({ deleted: keyId });
    out.print(`Deleted key ${keyId}`);
  },
};

export const listClientKeysCommand: Command = {
  name: "client-keys list",
  usage: "client-keys list --tenant S --client ID [--json]",
  options: { ...TENANT_OPTION, ...CLIENT_OPTION, ...JSON_OPTION },
  async run(values, out) {
    const clientId = required(values, "client");
    const ctx = await cliTenantContext(required(values, "tenant"));
    const keys = await listClientKeys(ctx, clientId);
    if (out.json) return out.printJson({ keys });
    for (const k of keys) out.print(`${k.id}  ${k.summary.padEnd(9)}  kid ${k.kid}  last used ${k.lastUsedAt?.toISOString() ?? "never"}  ${k.description}`);
  },
};
