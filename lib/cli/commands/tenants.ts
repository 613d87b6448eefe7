import { createTenant } from "@/lib/tenants/create-tenant";
import { JSON_OPTION, required, type Command } from "../command";

export const createTenantCommand: Command = {
  name: "tenants create",
  usage: "tenants create --slug S --name N [--json]",
  options: { slug: { type: "string" }, name: { type: "string" }, ...JSON_OPTION },
  async run(values, out) {
    const tenant = await createTenant({ type: "cli", label: "cli" }, { slug: required(values, "slug"), name: required(values, "name") });
    if (out.json) return out.printJson(tenant);
    out.print(`Created tenant ${tenant.slug} (${tenant.name})`);
  },
};
