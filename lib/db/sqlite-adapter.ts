import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";

/**
 * The SQLite driver adapter, made safe for several processes (the server and the CLI) on
 * one file. @prisma/adapter-better-sqlite3 6.19 starts transactions with a deferred
 * BEGIN: two processes that both read before writing then deadlock on the lock upgrade and
 * one fails at once with SQLITE_BUSY. BEGIN IMMEDIATE takes the write lock up front, so
 * they queue instead (for up to busy_timeout). WAL lets readers go on meanwhile.
 */
export class LatchkeySQLiteAdapter extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    // The adapter keeps its better-sqlite3 handle in `client` (checked against 6.19.3).
    const client = (adapter as unknown as { client: Database.Database }).client;
    client.pragma("journal_mode = WAL");
    client.pragma("busy_timeout = 10000");
    // Deleted and overwritten content (a private key in the clear before it was encrypted, a
    // revoked token) is zeroed, not left in free pages for a copy of the file to show.
    client.pragma("secure_delete = ON");
    const prepare = client.prepare.bind(client);
    client.prepare = ((sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql)) as typeof client.prepare;
    return adapter;
  }
}
