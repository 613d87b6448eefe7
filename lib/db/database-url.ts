// Which database Latchkey talks to. Shared by the app, the CLI, the tests and
// prisma.config.ts, so it must not import "server-only".
import { closeSync, openSync } from "node:fs";
import path from "node:path";
import { privateDirectory, privateFiles } from "../runtime/private-files";

export type Database = { kind: "sqlite"; url: string } | { kind: "postgres"; url: string };

export const DEFAULT_SQLITE_FILE = "data/latchkey.db";

export function databaseFromEnv(env: NodeJS.ProcessEnv): Database {
  const url = env.DATABASE_URL?.trim();
  if (url && /^postgres(ql)?:\/\//.test(url)) return { kind: "postgres", url };
  const file = url ? url.replace(/^file:/, "") : DEFAULT_SQLITE_FILE;
  const absolute = path.resolve(file);
  securedSqliteFile(absolute);
  return { kind: "sqlite", url: `file:${absolute}` };
}

/**
 * The database file's directory is 0700 and the file 0600, made so before SQLite (or a
 * migration) opens it: SQLite gives its -wal and -shm files the database file's mode.
 * Files an earlier version made 0644 are tightened.
 */
function securedSqliteFile(file: string) {
  privateDirectory(path.dirname(file));
  closeSync(openSync(file, "a", 0o600));
  privateFiles([file, `${file}-wal`, `${file}-shm`, `${file}-journal`]);
}
