import { db } from "@/lib/db/prisma";
import { ACCOUNT_ADMINISTRATOR } from "@/lib/roles/built-in-roles";
import { createTenant } from "@/lib/tenants/create-tenant";
import { cliTenantContext } from "@/lib/tenants/load-tenant-context";
import { addTenantUser } from "@/lib/users/add-tenant-user";
import { findRoleIdsByName } from "@/lib/roles/find-role-ids-by-name";
import { JSON_OPTION, type Command } from "../command";

export const DEMO = {
  tenant: { slug: "demo", name: "Demo Industries" },
  admin: { email: "admin@demo.local", name: "Ada Admin" },
  member: { email: "member@demo.local", name: "Max Member" },
};

/** The quickstart's demo tenant; running it again changes nothing. */
export const seedDemoCommand: Command = {
  name: "demo seed",
  usage: "demo seed [--json]",
  options: { ...JSON_OPTION },
  async run(_values, out) {
    const exists = await db.tenant.findUnique({ where: { slug: DEMO.tenant.slug } });
    if (!exists) {
      await createTenant({ type: "cli", label: "cli" }, DEMO.tenant);
      const ctx = await cliTenantContext(DEMO.tenant.slug);
      await addTenantUser(ctx, { ...DEMO.admin, roleIds: await findRoleIdsByName(ctx, [ACCOUNT_ADMINISTRATOR]) });
      await addTenantUser(ctx, { ...DEMO.member, roleIds: [] });
    }
    if (out.json) return out.printJson({ created: !exists, ...DEMO });
    out.print(
      exists
        ? `Demo tenant "${DEMO.tenant.slug}" already exists`
        : `Created demo tenant "${DEMO.tenant.slug}": sign in as ${DEMO.admin.email} (Account Administrator) or ${DEMO.member.email} (Account Member)`,
    );
  },
};
