import { resetTestDatabase } from "@/lib/testing/reset-test-database";
const url = process.argv[2]!;
await resetTestDatabase(url);
process.env.DATABASE_URL = url;
const { seedTokenBenchTenant } = await import("./bench-token-seed");
const t = await seedTokenBenchTenant(Number(process.argv[3]), 3);
console.log(t.clients.length, t.seedMs);
