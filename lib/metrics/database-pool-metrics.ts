import { Gauge, register } from "prom-client";
import { postgresPool } from "@/lib/db/prisma";

/**
 * The PostgreSQL connection pool's figures, read at each scrape: connections open, idle,
 * and queries waiting for one (waiting above zero for long means the pool is too small or
 * the database too slow). SQLite has one connection per process and no pool to report.
 */
export function observeDatabasePool(): void {
  const pool = postgresPool();
  if (!pool || register.getSingleMetric("latchkey_database_pool_waiting")) return;
  new Gauge({
    name: "latchkey_database_pool_connections",
    help: "PostgreSQL connections of this process's pool, by state",
    labelNames: ["state"] as const,
    collect() {
      this.set({ state: "total" }, pool.totalCount);
      this.set({ state: "idle" }, pool.idleCount);
    },
  });
  new Gauge({
    name: "latchkey_database_pool_waiting",
    help: "Queries waiting for a PostgreSQL connection of this process's pool",
    collect() {
      this.set(pool.waitingCount);
    },
  });
}
