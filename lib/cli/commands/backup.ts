import { serverConfig } from "@/lib/config";
import { databaseKind, sqliteFilePath } from "@/lib/db/database-url";
import { backupSqlite } from "@/lib/backup/backup-sqlite";
import { pgDumpCommand, pgRestoreCommands } from "@/lib/backup/postgres-commands";
import { restoreSqlite } from "@/lib/backup/restore-sqlite";
import type { DatabaseSummary } from "@/lib/backup/sqlite-file";
import { configuredKeyEncryptionKey, KEY_ENCRYPTION_KEY_ENV, keyEncryptionKeyFile } from "@/lib/oauth/key-encryption";
import { JSON_OPTION, required, type Command, type Output } from "../command";

// PostgreSQL: the commands are printed, not run (exit code 2, as for a usage the CLI does not do itself).
const NOT_RUN = 2;

export const backupCommand: Command = {
  name: "backup",
  usage: "backup --out FILE [--force] [--json]   (SQLite; on PostgreSQL it prints the pg_dump command)",
  options: { out: { type: "string" }, force: { type: "boolean" }, ...JSON_OPTION },
  async run(values, out) {
    const file = required(values, "out");
    if (databaseKind(process.env) === "postgres") {
      const command = pgDumpCommand(process.env.DATABASE_URL!, file);
      if (out.json) out.printJson({ command });
      else out.print(`PostgreSQL is backed up with pg_dump while Latchkey serves (the password from PGPASSWORD or ~/.pgpass):\n\n  ${command}\n\n${keyNote()}`);
      return NOT_RUN;
    }
    const backup = await backupSqlite({ databaseFile: sqliteFilePath(process.env), out: file, replace: values.force === true });
    if (out.json) return out.printJson({ ...backup, keyEncryptionKey: keyEncryptionKeyOf(backup) });
    out.print(`Backed up to ${backup.file} (${backup.bytes} bytes, mode 0600): ${describe(backup)}.`);
    out.print(keyNote(backup));
  },
};

export const restoreCommand: Command = {
  name: "restore",
  usage: "restore --from FILE [--json]   (into the empty SQLite database DATABASE_URL names; on PostgreSQL it prints the pg_restore commands)",
  options: { from: { type: "string" }, ...JSON_OPTION },
  async run(values, out) {
    const from = required(values, "from");
    if (databaseKind(process.env) === "postgres") {
      const commands = pgRestoreCommands(process.env.DATABASE_URL!, from);
      if (out.json) out.printJson(commands);
      else {
        out.print(`PostgreSQL is restored with pg_restore into an empty database (create it first, if need be), then migrated:\n`);
        out.print(`  ${commands.createdb}\n  ${commands.restore}\n  npm run db:migrate\n\n${keyNote()}`);
      }
      return NOT_RUN;
    }
    const restored = await restoreSqlite({ from, env: process.env });
    if (out.json) return out.printJson({ ...restored, keyEncryptionKey: keyEncryptionKeyOf(restored) });
    out.print(`Restored ${restored.from} into ${restored.databaseFile}: ${describe(restored)}.`);
    if (restored.migrations.pending.length > 0)
      out.print(`This build has ${restored.migrations.pending.length} migration(s) more: run npm run db:migrate before starting.`);
    printKeyMatch(out, restored);
  },
};

function describe(summary: DatabaseSummary): string {
  return `${summary.tenants} tenant(s), ${summary.clients} client(s), migrations up to ${summary.migrations.applied.at(-1)}`;
}

function keyEncryptionKeyOf(summary: DatabaseSummary): { ids: string[]; source: string } {
  return { ids: summary.keyEncryptionKeyIds, source: keySource() };
}

function keySource(): string {
  const config = serverConfig();
  return config.keyEncryptionKey !== undefined ? KEY_ENCRYPTION_KEY_ENV : keyEncryptionKeyFile(config.dataDir);
}

/** The backup holds the signing keys encrypted: it is of use only with the key-encryption key, kept apart from it. */
function keyNote(summary?: DatabaseSummary): string {
  const ids = summary ? ` (id ${summary.keyEncryptionKeyIds.join(", ") || "none yet"})` : "";
  return [
    `Keep, apart from the backup: the key-encryption key${ids}, here ${keySource()}. The signing keys in the backup are encrypted under it; without it a restored database cannot sign tokens.`,
    `Keep NEXTAUTH_SECRET too (or ${serverConfig().dataDir}/keys/session-secret): with another one, members sign in again.`,
  ].join("\n");
}

function printKeyMatch(out: Output, restored: DatabaseSummary) {
  const kek = configuredKeyEncryptionKey(serverConfig());
  const ids = restored.keyEncryptionKeyIds;
  if (ids.length === 0) return;
  if (kek && ids.every((id) => id === kek.id))
    return out.print(`Its signing keys open with this environment's key-encryption key (${kek.id}, from ${kek.source}).`);
  out.print(
    `Its signing keys are encrypted under key-encryption key ${ids.join(", ")}, but ${kek ? `this environment has ${kek.id} (from ${kek.source})` : `this environment has none (neither ${KEY_ENCRYPTION_KEY_ENV} nor ${keyEncryptionKeyFile(serverConfig().dataDir)})`}: start Latchkey with the key the backup was made under.`,
  );
}
