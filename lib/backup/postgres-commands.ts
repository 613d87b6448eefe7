import { DomainError } from "@/lib/errors";

// A PostgreSQL database is backed up by PostgreSQL's own tools, which know every type,
// sequence and constraint and work while the instances keep serving. These are the exact
// commands for DATABASE_URL: its host, port, user and database, never its password (pg_dump
// reads PGPASSWORD or ~/.pgpass), in the custom format pg_restore reads.

/** Parameters only Prisma or its driver reads; libpq (pg_dump, pg_restore) refuses them. */
const NOT_LIBPQ = new Set(["schema", "connection_limit", "pool_timeout", "pgbouncer", "statement_cache_size", "socket_timeout"]);

type Target = { connection: string[]; database: string };

function targetOf(url: string): Target {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DomainError("VALIDATION", "DATABASE_URL is not a valid postgresql:// URL");
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, "")) || decodeURIComponent(parsed.username) || "postgres";
  const connection = [`--host=${decodeURIComponent(parsed.hostname) || "localhost"}`, `--port=${parsed.port || "5432"}`];
  if (parsed.username) connection.push(`--username=${decodeURIComponent(parsed.username)}`);
  // The URL's other settings (sslmode, …) go with the database name as a libpq conninfo.
  const settings = [...parsed.searchParams].filter(([name]) => !NOT_LIBPQ.has(name));
  const dbname =
    settings.length === 0 ? database : [["dbname", database] as const, ...settings].map(([name, value]) => `${name}=${conninfoValue(value)}`).join(" ");
  connection.push(`--dbname=${dbname}`);
  return { connection, database };
}

function conninfoValue(value: string): string {
  return /^[^\s'\\]+$/.test(value) && value !== "" ? value : `'${value.replace(/[\\']/g, "\\$&")}'`;
}

/** A word as a POSIX shell reads it back unchanged. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

const command = (words: string[]) => words.map(shellWord).join(" ");

export function pgDumpCommand(url: string, out: string): string {
  return command(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", ...targetOf(url).connection, `--file=${out}`]);
}

/** pg_restore into the (empty) database DATABASE_URL names, all or nothing. */
export function pgRestoreCommands(url: string, from: string): { createdb: string; restore: string } {
  const { connection, database } = targetOf(url);
  const server = connection.filter((word) => !word.startsWith("--dbname="));
  return {
    createdb: command(["createdb", ...server, database]),
    restore: command(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", ...connection, from]),
  };
}
