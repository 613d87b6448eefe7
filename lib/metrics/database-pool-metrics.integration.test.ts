import { register } from "prom-client";
import { describe, expect, it } from "vitest";
import { db, postgresPool } from "@/lib/db/prisma";
import { observeDatabasePool } from "./database-pool-metrics";

describe("database pool figures", () => {
  it("report the pool Prisma really queries through on PostgreSQL, and nothing on SQLite", async () => {
    observeDatabasePool();
    observeDatabasePool();
    await Promise.all([db.$queryRaw`SELECT 1`, db.$queryRaw`SELECT 1`]);
    const text = await register.metrics();
    if (!postgresPool()) {
      expect(text).not.toContain("latchkey_database_pool");
      return;
    }
    // Prisma's adapter uses this pool (not one of its own): its connections show here.
    const total = Number(/latchkey_database_pool_connections\{state="total"\} (\d+)/.exec(text)?.[1]);
    expect(total).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/latchkey_database_pool_waiting 0/);
  });
});
