import Database from "better-sqlite3";
import { databaseFromEnv } from "@/lib/db/database-url";

// Held for the life of the process, so the lock is not released when the object is collected.
let held: Database.Database | undefined;

/**
 * SQLite serves one Latchkey instance (its processes share the file safely; two instances
 * would each keep their own in-memory limits and caches and fight over the file's locks).
 * The first instance holds an exclusive SQLite lock on a file beside the database; a second
 * is refused at start. The kernel drops the lock when the holder exits, even on kill -9, so
 * no stale lock is left for the operator to clear. Returns a refusal message, or null.
 */
export function holdSqliteInstanceLock(env: NodeJS.ProcessEnv): string | null {
  const database = databaseFromEnv(env);
  if (database.kind !== "sqlite" || held) return null;
  const databaseFile = database.url.replace(/^file:/, "");
  const lock = new Database(`${databaseFile}.instance-lock`, { timeout: 0 });
  try {
    lock.pragma("locking_mode = EXCLUSIVE");
    lock.exec("BEGIN EXCLUSIVE");
    held = lock;
    return null;
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code !== "SQLITE_BUSY") throw error;
    return `another Latchkey instance is running on the SQLite database ${databaseFile}; SQLite serves one instance (its LATCHKEY_WORKERS processes share it): for several instances use PostgreSQL (DATABASE_URL=postgresql://…)`;
  }
}
