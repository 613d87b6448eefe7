import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { DomainError } from "@/lib/errors";
import { copySqlite, openSqlite, summarizeSqlite, type DatabaseSummary } from "./sqlite-file";

export type SqliteBackup = DatabaseSummary & { file: string; bytes: number };

/** The files SQLite and Latchkey keep beside a database: a backup must not land on one. */
export function sqliteCompanions(databaseFile: string): string[] {
  return ["", "-wal", "-shm", "-journal", ".instance-lock"].map((suffix) => `${databaseFile}${suffix}`);
}

/**
 * An online backup of the SQLite database while the server runs: one consistent snapshot
 * (lib/backup/sqlite-file.ts), written 0600 to `out`, which must not exist unless `replace`.
 */
export async function backupSqlite({ databaseFile, out, replace }: { databaseFile: string; out: string; replace: boolean }): Promise<SqliteBackup> {
  const file = path.resolve(out);
  if (!existsSync(databaseFile) || statSync(databaseFile).size === 0) {
    throw new DomainError("NOT_FOUND", `there is no SQLite database at ${databaseFile} to back up (DATABASE_URL names the database)`);
  }
  if (sqliteCompanions(databaseFile).includes(file)) throw new DomainError("VALIDATION", `--out ${file} is the database itself or one of its files`);
  if (!existsSync(path.dirname(file))) throw new DomainError("NOT_FOUND", `the directory ${path.dirname(file)} does not exist`);
  if (!replace && existsSync(file)) throw new DomainError("CONFLICT", `${file} exists; choose another file, or pass --force to replace it`);

  const source = openSqlite(databaseFile, { readonly: false });
  try {
    // The whole VACUUM reads one snapshot; a writer holding the lock for a moment is waited for.
    source.pragma("busy_timeout = 10000");
    copySqlite(source, file, { replace });
  } finally {
    source.close();
  }
  // Read back from the copy: what the operator gets is what was written.
  const copy = openSqlite(file, { readonly: true });
  try {
    return { file, bytes: statSync(file).size, ...(await summarizeSqlite(copy)) };
  } finally {
    copy.close();
  }
}
