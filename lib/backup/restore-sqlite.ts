import { existsSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { sqliteFilePath } from "@/lib/db/database-url";
import { DomainError } from "@/lib/errors";
import { privateFiles } from "@/lib/runtime/private-files";
import { holdSqliteInstanceLock } from "@/lib/server/sqlite-instance-lock";
import { sqliteCompanions } from "./backup-sqlite";
import { copySqlite, openSqlite, summarizeSqlite, type DatabaseSummary } from "./sqlite-file";

export type SqliteRestore = DatabaseSummary & { from: string; databaseFile: string };

/**
 * A backup made by `backup` into the SQLite database DATABASE_URL names, which must be
 * empty (no file, an empty file, or one with no tables) and unused: the instance lock
 * (lib/server/sqlite-instance-lock.ts) is held throughout, so no server starts meanwhile.
 */
export async function restoreSqlite({ from, env }: { from: string; env: NodeJS.ProcessEnv }): Promise<SqliteRestore> {
  const databaseFile = sqliteFilePath(env);
  const backupFile = path.resolve(from);
  if (sqliteCompanions(databaseFile).includes(backupFile)) throw new DomainError("VALIDATION", `--from ${backupFile} is the database to restore into`);
  const backup = openSqlite(backupFile, { readonly: true });
  try {
    const summary = await summarizeSqlite(backup);
    if (summary.migrations.unknown.length > 0) {
      throw new DomainError(
        "CONFLICT",
        `${backupFile} was made by a newer Latchkey (its migrations ${summary.migrations.unknown.join(", ")} are unknown to this build): restore it with that version`,
      );
    }
    const refusal = holdSqliteInstanceLock(env);
    // The lock's own message is about starting a second instance; here the point is another.
    if (refusal) throw new DomainError("CONFLICT", `a Latchkey instance is running on ${databaseFile}: stop it first; restore only into an unused database`);
    assertEmpty(databaseFile);
    copySqlite(backup, databaseFile, { replace: true });
    // Left empty by whoever opened the empty database before; the restored file has its own.
    for (const companion of [`${databaseFile}-wal`, `${databaseFile}-shm`, `${databaseFile}-journal`]) rmSync(companion, { force: true });
    privateFiles([databaseFile]);
    return { from: backupFile, databaseFile, ...summary };
  } finally {
    backup.close();
  }
}

function assertEmpty(databaseFile: string) {
  const wal = `${databaseFile}-wal`;
  const tables = existsSync(databaseFile) && statSync(databaseFile).size > 0 ? countTables(databaseFile) : 0;
  if (tables > 0 || (existsSync(wal) && statSync(wal).size > 0)) {
    throw new DomainError(
      "CONFLICT",
      `${databaseFile} is not empty (${tables} tables): restore only into an empty database; point DATABASE_URL at a new file (do not run npm run db:migrate on it first), or move this one away`,
    );
  }
}

function countTables(file: string): number {
  const database = openSqlite(file, { readonly: true });
  try {
    return (database.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
  } finally {
    database.close();
  }
}
