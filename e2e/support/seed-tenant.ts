// Seeds one test's tenant through the domain layer (run with tsx by fixtures.ts) and
// prints it as JSON: a tenant with an Account Administrator and a plain Account Member.
import { db } from "@/lib/db/prisma";
import { ACCOUNT_ADMINISTRATOR } from "@/lib/roles/built-in-roles";
import { findRoleIdsByName } from "@/lib/roles/find-role-ids-by-name";
import { createTenant } from "@/lib/tenants/create-tenant";
import { cliTenantContext } from "@/lib/tenants/load-tenant-context";
import { addTenantUser } from "@/lib/users/add-tenant-user";

const slug = process.argv[2];
if (!slug) throw new Error("usage: seed-tenant.ts <slug>");
await createTenant({ type: "cli", label: "e2e" }, { slug, name: `Tenant ${slug}` });
const ctx = await cliTenantContext(slug, "e2e");
const admin = `admin-${slug}@example.test`;
const member = `member-${slug}@example.test`;
await addTenantUser(ctx, { email: admin, roleIds: await findRoleIdsByName(ctx, [ACCOUNT_ADMINISTRATOR]) });
await addTenantUser(ctx, { email: member, roleIds: [] });
process.stdout.write(JSON.stringify({ slug, admin, member }));
await db.$disconnect(); // a PostgreSQL pool would keep the process alive
