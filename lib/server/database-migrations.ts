import "server-only";
import { databaseKind } from "@/lib/db/database-url";
import { db } from "@/lib/db/prisma";
import { assertBuildKnowsDatabase, DatabaseNewerThanBuildError, readMigrationStatus, type MigrationStatus } from "@/lib/db/migration-status";

/** The migration status of the database this process serves. */
export function readDatabaseMigrations(): Promise<MigrationStatus> {
  return readMigrationStatus({ client: db, kind: databaseKind(process.env) });
}

/**
 * Before a server process listens: a database a newer Latchkey migrated stops it with one
 * line and exit code 78 (a cluster's primary then stops too, instead of restarting it).
 * An older database is let through: /readyz says which migrations are pending.
 */
export async function refuseNewerDatabase(): Promise<void> {
  try {
    assertBuildKnowsDatabase(await readDatabaseMigrations());
  } catch (error) {
    if (!(error instanceof DatabaseNewerThanBuildError)) throw error;
    // Straight to stderr, not through the logger (which owns console in production): the
    // one plain line an operator or supervisor reads when the process will not start.
    process.stderr.write(`latchkey: ${error.message}\n`);
    process.exit(error.exitCode);
  }
}
