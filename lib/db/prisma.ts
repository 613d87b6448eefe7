import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { Pool } from "pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { databaseFromEnv, type Database } from "./database-url";
import { LatchkeySQLiteAdapter } from "./sqlite-adapter";

// Both generated clients come from the same models (prisma/schema.prisma), so the domain
// code is written once against the SQLite client's types; features only one database has
// (e.g. `mode: "insensitive"`) are therefore out of reach by construction.
export type Db = SqliteClient;

/** A client of `database`; the app's one is `db` below (tests and the CLI open others). */
export function createDb(database: Database = databaseFromEnv(process.env)): Db {
  if (database.kind === "postgres") {
    // Our own pool, so its figures can be reported (lib/metrics/database-pool-metrics.ts).
    const pool = (globalForDb.latchkeyPgPool = new Pool({ connectionString: database.url }));
    const client = new PostgresClient({ adapter: new PrismaPg(pool) });
    return client as unknown as Db;
  }
  return new SqliteClient({ adapter: new LatchkeySQLiteAdapter({ url: database.url }) });
}

// One client per process; Next.js dev reloads modules, so keep it on globalThis.
const globalForDb = globalThis as unknown as { latchkeyDb?: Db; latchkeyPgPool?: Pool };

export const db: Db = globalForDb.latchkeyDb ?? (globalForDb.latchkeyDb = createDb());

/** The PostgreSQL pool behind `db`; undefined on SQLite. */
export function postgresPool(): Pool | undefined {
  return globalForDb.latchkeyPgPool;
}
