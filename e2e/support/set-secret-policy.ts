// Sets a tenant's secret policy directly (run with tsx by e2e/support/secrets.ts).
// Usage: <slug> <maxDays or ""> <allowNever true|false>
import { db } from "@/lib/db/prisma";

const [slug, maxDays, allowNever] = process.argv.slice(2);
await db.tenant.update({
  where: { slug },
  data: { maxSecretLifetimeDays: maxDays ? Number(maxDays) : null, allowNeverExpiringSecrets: allowNever === "true" },
});
await db.$disconnect(); // a PostgreSQL pool would keep the process alive
