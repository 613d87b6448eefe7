// Seeds the cluster suite's tenant through the domain functions, against the cluster's
// database (run with tsx by cluster.spec.ts), and prints it as JSON: an Account
// Administrator for the portal, and client-credentials clients with two secrets each.
import { createClient } from "@/lib/clients/create-client";
import { db } from "@/lib/db/prisma";
import { ACCOUNT_ADMINISTRATOR } from "@/lib/roles/built-in-roles";
import { findRoleIdsByName } from "@/lib/roles/find-role-ids-by-name";
import { addClientSecret } from "@/lib/secrets/add-client-secret";
import { createTenant } from "@/lib/tenants/create-tenant";
import { cliTenantContext } from "@/lib/tenants/load-tenant-context";
import { addTenantUser } from "@/lib/users/add-tenant-user";

const [slug, count] = [process.argv[2], Number(process.argv[3])];
if (!slug || !Number.isInteger(count)) throw new Error("usage: seed-cluster.ts <slug> <clients>");
await createTenant({ type: "cli", label: "cluster" }, { slug, name: `Tenant ${slug}` });
const ctx = await cliTenantContext(slug, "cluster");
const admin = `admin-${slug}@example.test`;
await addTenantUser(ctx, { email: admin, roleIds: await findRoleIdsByName(ctx, [ACCOUNT_ADMINISTRATOR]) });
// One year, the portal's default.
const expires = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
const clients = [];
for (let i = 0; i < count; i++) {
  const created = await createClient(ctx, { type: "client-credentials", name: `Cluster service ${i}`, secret: { description: "first", expires } });
  const second = await addClientSecret(ctx, created.clientId, { description: "second", expires });
  clients.push({ clientId: created.clientId, secrets: [created.secret.plaintext, second.plaintext], hints: [created.secret.hint, second.hint] });
}
process.stdout.write(JSON.stringify({ slug, admin, clients }));
await db.$disconnect(); // a PostgreSQL pool would keep the process alive
