import { randomBytes } from "node:crypto";
import { closeSync, existsSync, fsyncSync, linkSync, openSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { DomainError } from "@/lib/errors";
import { readMigrationStatus, type MigrationStatus } from "@/lib/db/migration-status";
import { keyEncryptionKeyIdOf } from "@/lib/oauth/key-encryption";

/** What a Latchkey SQLite database (live or a backup) holds, as the operator needs to know it. */
export type DatabaseSummary = { migrations: MigrationStatus; tenants: number; clients: number; keyEncryptionKeyIds: string[] };

/** Opens a SQLite file; a file that is no database, or a damaged one, is refused with its name. */
export function openSqlite(file: string, options: { readonly: boolean }): Database.Database {
  if (!existsSync(file)) throw new DomainError("NOT_FOUND", `${file} does not exist`);
  let database: Database.Database | undefined;
  try {
    database = new Database(file, { readonly: options.readonly, fileMustExist: true, timeout: 10_000 });
    const check = database.pragma("quick_check", { simple: true });
    if (check !== "ok") throw new DomainError("VALIDATION", `${file} is a damaged SQLite database (quick_check: ${String(check)})`);
    return database;
  } catch (error) {
    database?.close();
    const code = (error as { code?: string }).code;
    if (code === "SQLITE_NOTADB") throw new DomainError("VALIDATION", `${file} is not a SQLite database (a PostgreSQL backup is restored with pg_restore)`);
    if (code === "SQLITE_CANTOPEN") throw new DomainError("NOT_FOUND", `${file} does not exist or cannot be opened`);
    throw error;
  }
}

export async function summarizeSqlite(database: Database.Database): Promise<DatabaseSummary> {
  const client = { $queryRawUnsafe: async <T>(sql: string) => database.prepare(sql).all() as T };
  const migrations = await readMigrationStatus({ client, kind: "sqlite" });
  if (migrations.applied.length === 0) throw new DomainError("VALIDATION", `${database.name} is not a Latchkey database (no migration was ever applied to it)`);
  const count = (table: string) => (database.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
  const envelopes = database.prepare(`SELECT "encryptedPrivateJwk" AS envelope FROM "SigningKey" WHERE "encryptedPrivateJwk" IS NOT NULL`).all() as {
    envelope: string;
  }[];
  return {
    migrations,
    tenants: count("Tenant"),
    clients: count("Client"),
    keyEncryptionKeyIds: [...new Set(envelopes.map((row) => keyEncryptionKeyIdOf(row.envelope)))],
  };
}

/**
 * A consistent copy of `source` at `destination`, mode 0600, written beside it first and put
 * in place in one step: never a half-written file under the final name. VACUUM INTO reads one
 * snapshot (other connections go on writing meanwhile, in WAL mode) and leaves out the free
 * pages, where deleted content would otherwise survive.
 */
export function copySqlite(source: Database.Database, destination: string, options: { replace: boolean }): void {
  const temporary = path.join(path.dirname(destination), `.${path.basename(destination)}.${randomBytes(6).toString("hex")}.partial`);
  // VACUUM INTO takes an empty file and keeps its mode.
  closeSync(openSync(temporary, "wx", 0o600));
  try {
    source.prepare("VACUUM INTO ?").run(temporary);
    syncFile(temporary);
    if (options.replace) renameSync(temporary, destination);
    else linkSync(temporary, destination);
    syncFile(path.dirname(destination));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST")
      throw new DomainError("CONFLICT", `${destination} exists; choose another file, or pass --force to replace it`);
    throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}

function syncFile(file: string) {
  const fd = openSync(file, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
