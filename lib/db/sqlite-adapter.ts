import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";
import { checkpointsElsewhere } from "./sqlite-checkpoints";

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
    if (checkpointsElsewhere()) client.pragma("wal_autocheckpoint = 0");
    // Deleted and overwritten content (a private key in the clear before it was encrypted, a
    // revoked token) is zeroed, not left in free pages for a copy of the file to show.
    client.pragma("secure_delete = ON");
    const prepare = client.prepare.bind(client) as (...args: unknown[]) => Database.Statement;
    const statements = new Map<string, Database.Statement>();
    client.prepare = ((...args: unknown[]) => {
      // better-sqlite3's own calls (pragma(), transaction()) pass more arguments: left alone.
      if (args.length !== 1 || typeof args[0] !== "string") return prepare(...args);
      const sql = args[0] === "BEGIN" ? "BEGIN IMMEDIATE" : args[0];
      let statement = statements.get(sql);
      if (!statement) {
        statement = prepare(sql);
        if (statements.size >= MAX_STATEMENTS) statements.delete(statements.keys().next().value!);
        statements.set(sql, statement);
      }
      return reusable(statement);
    }) as typeof client.prepare;
    return adapter;
  }
}

/**
 * The adapter prepares every query anew, which cost the token service a tenth of its CPU on
 * a client's first request (SQLite compiling the same few statements over and over). The
 * statements it prepares are kept, by their text, and handed out through a view that takes
 * the adapter's one bind() per use: better-sqlite3 binds a statement's parameters for good.
 * Only what the adapter calls (checked against 6.19.3) is offered.
 */
const MAX_STATEMENTS = 500;
function reusable(statement: Database.Statement): Database.Statement {
  let params: unknown[] = [];
  const view = {
    get reader() {
      return statement.reader;
    },
    bind(...args: unknown[]) {
      params = args;
      return view;
    },
    columns: () => statement.columns(),
    raw(toggle?: boolean) {
      statement.raw(toggle ?? true);
      return view;
    },
    all: () => statement.all(...params),
    run: () => statement.run(...params),
  };
  return view as unknown as Database.Statement;
}
