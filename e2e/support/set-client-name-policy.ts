// Sets a tenant's client-name policy directly (run with tsx by e2e/support/clients.ts).
// Usage: <slug> <policy key or "">
import { db } from "@/lib/db/prisma";

const [slug, policy] = process.argv.slice(2);
await db.tenant.update({ where: { slug }, data: { clientNamePolicy: policy || null } });
await db.$disconnect(); // a PostgreSQL pool would keep the process alive
