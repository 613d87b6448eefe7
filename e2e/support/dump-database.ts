// Prints every row of every table as JSON (run with tsx by security specs), so a spec can
// prove a secret's plaintext is stored nowhere, and that refused actions changed nothing.
import { db } from "@/lib/db/prisma";

const models = [
  "tenant",
  "user",
  "role",
  "membership",
  "membershipRole",
  "environment",
  "client",
  "clientUri",
  "clientRole",
  "clientSecret",
  "clientKey",
  "oidcRecord",
  "portalSession",
  "auditEvent",
] as const;

const dump: Record<string, unknown[]> = {};
for (const model of models) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  dump[model] = await (db[model] as any).findMany();
}
process.stdout.write(JSON.stringify(dump));
await db.$disconnect(); // a PostgreSQL pool would keep the process alive
