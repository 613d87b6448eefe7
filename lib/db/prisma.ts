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
  return openDb(database).client;
}

function openDb(database: Database): { client: Db; pool?: Pool } {
  if (database.kind === "postgres") {
    // Our own pool, so its figures can be reported (lib/metrics/database-pool-metrics.ts);
    // ended with the client, as the adapter's own would be.
    // ISO dates whatever the server's default: lib/db/read-rows.ts reads timestamps as text.
    const pool = new Pool({ connectionString: database.url, options: "-c DateStyle=ISO,YMD" });
    // A connection the server ends while idle (a restart, a dropped database) is replaced on
    // the next query; unheard, its error would take the process down.
    pool.on("error", () => undefined);
    const client = new PostgresClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
    return { client: client as unknown as Db, pool };
  }
  return { client: new SqliteClient({ adapter: new LatchkeySQLiteAdapter({ url: database.url }) }) };
}

// One client per process; Next.js dev reloads modules, so keep it on globalThis.
const globalForDb = globalThis as unknown as { latchkeyDb?: Db; latchkeyPgPool?: Pool };

function createAppDb(): Db {
  const { client, pool } = openDb(databaseFromEnv(process.env));
  globalForDb.latchkeyPgPool = pool;
  return client;
}

export const db: Db = globalForDb.latchkeyDb ?? (globalForDb.latchkeyDb = createAppDb());

/** The PostgreSQL pool behind `db`; undefined on SQLite. */
export function postgresPool(): Pool | undefined {
  return globalForDb.latchkeyPgPool;
}
