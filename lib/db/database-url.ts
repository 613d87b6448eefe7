// Which database Latchkey talks to. Shared by the app, the CLI, the tests and
// prisma.config.ts, so it must not import "server-only".
import { closeSync, existsSync, openSync, statSync } from "node:fs";
import path from "node:path";
import { privateDirectory, privateFiles } from "../runtime/private-files";
import { logger } from "../logging/logger";

export type Database = { kind: "sqlite"; url: string } | { kind: "postgres"; url: string };

export const DEFAULT_SQLITE_FILE = "data/latchkey.db";

/**
 * Which kind, without touching the file. Use this once the database is open: databaseFromEnv
 * opens and closes the SQLite file, and closing any descriptor of it drops this process's
 * POSIX locks on it, which SQLite relies on.
 */
export function databaseKind(env: NodeJS.ProcessEnv): Database["kind"] {
  return /^postgres(ql)?:\/\//.test(env.DATABASE_URL?.trim() ?? "") ? "postgres" : "sqlite";
}

/** The SQLite file DATABASE_URL names (or the default), as an absolute path, without touching it. */
export function sqliteFilePath(env: NodeJS.ProcessEnv): string {
  const url = env.DATABASE_URL?.trim();
  return path.resolve(url ? url.replace(/^file:/, "") : DEFAULT_SQLITE_FILE);
}

export function databaseFromEnv(env: NodeJS.ProcessEnv): Database {
  const url = env.DATABASE_URL?.trim();
  if (url && databaseKind(env) === "postgres") return { kind: "postgres", url };
  const absolute = sqliteFilePath(env);
  securedSqliteFile(absolute, path.resolve(env.LATCHKEY_DATA_DIR ?? "data"));
  return { kind: "sqlite", url: `file:${absolute}` };
}

const warned = new Set<string>();

/**
 * The database file is 0600, made so before SQLite (or a migration) opens it: SQLite gives
 * its -wal and -shm files the database file's mode. Files an earlier version made 0644 are
 * tightened. Its directory is made 0700 when Latchkey creates it or it is the data
 * directory; any other directory (DATABASE_URL=file:/tmp/latchkey.db) is the operator's,
 * left as it is, with a warning when others may enter it.
 */
function securedSqliteFile(file: string, dataDir: string) {
  const dir = path.dirname(file);
  if (dir === dataDir || !existsSync(dir)) privateDirectory(dir);
  else if ((statSync(dir).mode & 0o077) !== 0 && !warned.has(dir)) {
    warned.add(dir);
    logger.warn(
      { dir },
      `latchkey: ${dir}, which holds the SQLite database, is open to other users; Latchkey leaves it as it is (put the database in a directory of its own)`,
    );
  }
  closeSync(openSync(file, "a", 0o600));
  privateFiles([file, `${file}-wal`, `${file}-shm`, `${file}-journal`]);
}
