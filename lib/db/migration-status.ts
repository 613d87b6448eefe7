import type { Database } from "./database-url";
import { knownMigrations } from "./known-migrations";

/** EX_CONFIG (sysexits.h): the configuration is wrong, restarting will not help (systemd: RestartPreventExitStatus=78). */
export const EXIT_CONFIG = 78;

export type MigrationStatus = {
  /** Applied to the database (finished, not rolled back), in order. */
  applied: string[];
  /** Known to this build and not yet applied: `npm run db:migrate` applies them. */
  pending: string[];
  /** Applied, but unknown to this build: a newer Latchkey migrated the database. */
  unknown: string[];
};

type SqlClient = { $queryRawUnsafe<T = unknown>(sql: string): Promise<T> };

export type MigrationStatusSource = { client: SqlClient; kind: Database["kind"]; known?: string[] };

/** What `_prisma_migrations` (Prisma's own record of `migrate deploy`) says, against this build's list. */
export async function readMigrationStatus({ client, kind, known = knownMigrations(kind) }: MigrationStatusSource): Promise<MigrationStatus> {
  const exists =
    kind === "postgres"
      ? "SELECT to_regclass('_prisma_migrations')::text AS name"
      : "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'";
  const [table] = await client.$queryRawUnsafe<{ name: string | null }[]>(exists);
  // A migration still running or one that failed has no finished_at: it is not applied yet.
  const rows = table?.name
    ? await client.$queryRawUnsafe<{ name: string }[]>(
        "SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name",
      )
    : [];
  const applied = [...new Set(rows.map((row) => row.name))];
  return {
    applied,
    pending: known.filter((name) => !applied.includes(name)),
    unknown: applied.filter((name) => !known.includes(name)),
  };
}

/** A database a newer Latchkey migrated: this build may not read or write it as that one expects. */
export class DatabaseNewerThanBuildError extends Error {
  readonly exitCode = EXIT_CONFIG;
  constructor(unknown: string[]) {
    super(
      `the database has migrations this build does not know (${unknown.join(", ")}): it was upgraded by a newer Latchkey; run that version, or restore the backup taken before the upgrade`,
    );
    this.name = "DatabaseNewerThanBuildError";
  }
}

export function assertBuildKnowsDatabase(status: MigrationStatus): void {
  if (status.unknown.length > 0) throw new DatabaseNewerThanBuildError(status.unknown);
}

/** The readiness reason when the database is older than this build, or null. */
export function pendingMigrationsReason(status: MigrationStatus): string | null {
  return status.pending.length > 0 ? `database migrations pending: ${status.pending.join(", ")}; run npm run db:migrate` : null;
}

/**
 * readMigrationStatus at most once per `ttlMs` (readiness is asked every second or so by
 * every balancer, in every worker); a failed read is not kept. Once `npm run db:migrate`
 * has run, the next read after the ttl sees it, with no restart.
 */
export function cachedMigrationStatus(read: () => Promise<MigrationStatus>, ttlMs = 2_000): () => Promise<MigrationStatus> {
  let cached: { at: number; status: Promise<MigrationStatus> } | undefined;
  return () => {
    if (!cached || Date.now() - cached.at >= ttlMs) {
      const status = read();
      const entry = { at: Date.now(), status };
      cached = entry;
      status.catch(() => cached === entry && (cached = undefined));
    }
    return cached.status;
  };
}
