import "server-only";
import Database from "better-sqlite3";
import { sqliteFilePath } from "./database-url";
import { checkpointsElsewhere } from "./sqlite-checkpoints";

/**
 * One write statement on SQLite for the token service's background bookkeeping ("last
 * used"), on a connection of its own: better-sqlite3 runs it on the event loop, and on the
 * app's connection each commit waits for the disk (synchronous = FULL, which a created
 * secret needs). Here a commit does not: what this connection writes may be lost to a power
 * cut, never corrupted. It waits at most a few milliseconds for another writer, then fails
 * (the caller tries again later) rather than stall every request of the process.
 * Parameters are positional (`?`). Returns the number of rows changed.
 */
export function backgroundWrite(sql: string, params: readonly (string | number)[]): number {
  connection ??= open();
  let statement = statements.get(sql);
  if (!statement) {
    statement = connection.prepare(sql);
    if (statements.size >= MAX_STATEMENTS) statements.delete(statements.keys().next().value!);
    statements.set(sql, statement);
  }
  return statement.run(...params).changes;
}

const MAX_STATEMENTS = 20;
let connection: Database.Database | undefined;
const statements = new Map<string, Database.Statement>();

function open(): Database.Database {
  const opened = new Database(sqliteFilePath(process.env), { fileMustExist: true });
  opened.pragma("journal_mode = WAL");
  opened.pragma("synchronous = NORMAL");
  opened.pragma("busy_timeout = 5");
  if (checkpointsElsewhere()) opened.pragma("wal_autocheckpoint = 0");
  opened.pragma("secure_delete = ON");
  return opened;
}
