import "server-only";
import { pendingMigrationsReason, type MigrationStatus } from "@/lib/db/migration-status";
import { db } from "@/lib/db/prisma";
import { messageOf } from "@/lib/logging/logger";
import type { Readiness } from "./management-listener";

const DATABASE_TIMEOUT_MS = 2_000;

export type ServingState = {
  stopping: boolean;
  listening: boolean;
  hasSigningKey(): boolean;
  /** The database's migrations against this build's (cached briefly: see cachedMigrationStatus). */
  migrations(): Promise<MigrationStatus>;
};

/** Ready: serving, not stopping, the database answers with every migration this build knows applied, and a signing key is loaded. */
export async function checkReadiness(state: ServingState): Promise<Readiness> {
  if (state.stopping) return { ready: false, reason: "shutting down" };
  if (!state.listening) return { ready: false, reason: "starting" };
  try {
    await withTimeout(db.$queryRaw`SELECT 1`, DATABASE_TIMEOUT_MS);
  } catch (error) {
    return { ready: false, reason: `the database does not answer: ${withoutCredentials(messageOf(error))}` };
  }
  // Migrations newer than this build are refused at start (refuseNewerDatabase), not here: in
  // a rolling upgrade the old instances keep serving after the new build's migrations ran.
  let migrations: MigrationStatus;
  try {
    migrations = await withTimeout(state.migrations(), DATABASE_TIMEOUT_MS);
  } catch (error) {
    return { ready: false, reason: `the applied database migrations could not be read: ${withoutCredentials(messageOf(error))}` };
  }
  const pending = pendingMigrationsReason(migrations);
  if (pending) return { ready: false, reason: pending };
  if (!state.hasSigningKey()) return { ready: false, reason: "no signing key is loaded" };
  return { ready: true };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A driver's message may quote the connection string: never its password. */
function withoutCredentials(message: string): string {
  return message
    .replace(/\/\/[^/\s@]*@/g, "//…@")
    .split("\n")[0]!
    .trim();
}
