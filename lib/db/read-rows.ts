import "server-only";
import Database from "better-sqlite3";
import { databaseKind, sqliteFilePath } from "./database-url";
import { postgresPool } from "./prisma";

/**
 * A read on the database's own driver, past Prisma, for the token service's few hot reads
 * (a client on its first request, its secrets, the tenants' versions). Through Prisma each
 * cost about a millisecond of the event loop's time in its query interpreter, more than the
 * database took, and an industrial tenant's devices each come once per token lifetime, so
 * nearly every request is some client's first. Everything else goes through Prisma.
 *
 * `sql` is one text for both databases: quoted identifiers, parameters written $1, $2, …
 * (named @p1, @p2, … for SQLite), and values the two drivers return alike or that the caller reads
 * through the helpers below (a timestamp cast to text, a boolean as 0/1 or true/false).
 */
// Fixed for the process, like the connection: not worked out again on every read.
const KIND = databaseKind(process.env);

export async function readRows<T>(sql: string, params: readonly (string | number)[]): Promise<T[]> {
  if (KIND === "postgres") {
    const pool = postgresPool();
    if (!pool) throw new Error("The PostgreSQL pool is not open");
    return (await pool.query({ name: statementName(sql), text: sql, values: [...params] })).rows as T[];
  }
  // better-sqlite3 binds a number of places to one value by name only.
  return sqliteStatement(sql).all(Object.fromEntries(params.map((value, i) => [`p${i + 1}`, value]))) as T[];
}

// Named, so each pooled connection parses and plans a text once rather than on every read
// (PostgreSQL keeps a connection's named statements until it closes). The handful of texts
// are the module's constants; a name is never reused for another text.
const statementNames = new Map<string, string>();
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) statementNames.set(sql, (name = `latchkey_read_${statementNames.size + 1}`));
  return name;
}

/**
 * A timestamp selected as CAST(… AS TEXT): SQLite holds ISO text with its zone (or, written
 * by other tools, milliseconds), PostgreSQL gives UTC without a zone. One that cannot be read
 * is 0, long past: a secret whose expiry is unreadable fails closed.
 */
export function utcMillis(value: string | null): number | null {
  if (value === null) return null;
  if (/^\d+$/.test(value)) return Number(value);
  const millis = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(" ", "T")}Z`);
  return Number.isNaN(millis) ? 0 : millis;
}

// A read-only connection of its own: it never sees another connection's transaction half
// done, and statements prepared once are kept (the handful of texts above).
let connection: Database.Database | undefined;
const statements = new Map<string, Database.Statement>();

function sqliteStatement(sql: string): Database.Statement {
  let statement = statements.get(sql);
  if (!statement) {
    if (!connection) {
      connection = new Database(sqliteFilePath(process.env), { readonly: true, fileMustExist: true });
      // A reader of a WAL database is rarely kept waiting; when it is, better-sqlite3 waits on
      // the event loop, so not for long: the request fails instead of the worker stalling.
      connection.pragma("busy_timeout = 100");
    }
    statement = connection.prepare(sql.replace(/\$(\d+)/g, "@p$1"));
    statements.set(sql, statement);
  }
  return statement;
}
