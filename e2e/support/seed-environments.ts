// Adds environments to a tenant through the domain layer (run with tsx by admin.ts), each
// with its audit entry: a quick way to fill the audit log past one page.
// Usage: <slug> <count> <name prefix>
import { db } from "@/lib/db/prisma";
import { createEnvironment } from "@/lib/environments/create-environment";
import { cliTenantContext } from "@/lib/tenants/load-tenant-context";

const [slug, count, prefix] = process.argv.slice(2);
const ctx = await cliTenantContext(slug!, "e2e");
for (let i = 1; i <= Number(count); i++) await createEnvironment(ctx, { name: `${prefix} ${String(i).padStart(2, "0")}` });
await db.$disconnect(); // a PostgreSQL pool would keep the process alive
