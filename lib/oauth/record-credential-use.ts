import "server-only";
import { databaseKind } from "@/lib/db/database-url";
import { db } from "@/lib/db/prisma";
import { backgroundWrite } from "@/lib/db/background-write";
import { logger, messageOf } from "@/lib/logging/logger";

// "Last used" per secret and per key, coalesced: the token endpoint only notes which
// credentials were used, and a timer writes them at most once per interval, a few
// statements for all of them together (one per kind and CHUNK ids), so the database sees
// a handful of writes every five seconds however many tokens are issued.
const FLUSH_INTERVAL_MS = 5_000;
// better-sqlite3 runs each statement on the event loop, so a flush writes chunks and yields
// between them: requests go on while tens of thousands of devices' uses are written. One
// statement of its own, not Prisma's updateMany: that took 2.3 ms for 50 ids on SQLite (its
// query compiler, not the database), this one 0.5 ms on cached pages, on a connection that
// does not wait for the disk at each commit (lib/db/background-write.ts). 100 random ids of
// a 100,000-client tenant took 1.5 ms a chunk (2.6 ms at most) once checkpoints left the
// workers (lib/db/sqlite-checkpoints.ts): within the 5 ms the token service allows.
const CHUNK = 100;
type Credential = "secret" | "key";
const TABLE = { secret: "ClientSecret", key: "ClientKey" } as const;
const KIND = databaseKind(process.env);
const pending = { secret: new Set<string>(), key: new Set<string>() };
let latest = 0;
let timer: NodeJS.Timeout | null = null;

export function recordCredentialUse(credential: Credential, id: string, at: Date): void {
  pending[credential].add(id);
  latest = Math.max(latest, at.getTime());
  timer ??= setTimeout(() => void flushCredentialUses(), FLUSH_INTERVAL_MS).unref();
}

/**
 * Writes the pending uses, all with the time of the latest one: "last used" is exact to
 * within the flush interval. Called by the timer and on shutdown; a call while a flush is
 * writing waits for it, then writes what came since, so shutdown loses none. Never throws.
 */
export async function flushCredentialUses(): Promise<void> {
  while (flushing) await flushing;
  flushing = writePending().finally(() => (flushing = null));
  await flushing;
}

let flushing: Promise<void> | null = null;

async function writePending(): Promise<void> {
  timer = null;
  const at = new Date(latest);
  for (const credential of ["secret", "key"] as const) {
    const ids = [...pending[credential]];
    pending[credential].clear();
    for (let start = 0; start < ids.length; start += CHUNK) {
      const chunk = ids.slice(start, start + CHUNK);
      try {
        const time = storedTime(at);
        const sql = updateStatement(credential, chunk.length);
        if (KIND === "postgres") await db.$executeRawUnsafe(sql, time, ...chunk, time);
        else backgroundWrite(sql, [time, ...chunk, time]);
      } catch (error) {
        // A passing database fault must not take the token service down; try again later.
        // Another writer holding SQLite's lock (the other workers' flushes, a portal change)
        // is routine, not worth an operator's attention.
        const busy = (error as { code?: unknown }).code === "SQLITE_BUSY";
        logger[busy ? "debug" : "error"](
          { credential, count: chunk.length, error: messageOf(error) },
          "could not record credentials' last use; trying again later",
        );
        for (const id of chunk) recordCredentialUse(credential, id, at);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

/**
 * A credential may have been deleted meanwhile, which is not an error (no row); and only a
 * later time replaces the stored one (another server process may have written one).
 */
function updateStatement(credential: Credential, count: number): string {
  // Parameters: the time, the ids, the time again, positional ($n on PostgreSQL, ? on SQLite).
  const place = (i: number) => (KIND === "postgres" ? `$${i}` : "?");
  const ids = Array.from({ length: count }, (_, i) => place(i + 2)).join(", ");
  // PostgreSQL's column is a timestamp without zone, in UTC as Prisma writes it.
  const time = (i: number) => (KIND === "postgres" ? `CAST(${place(i)} AS TIMESTAMP(3))` : place(i));
  return `UPDATE "${TABLE[credential]}" SET "lastUsedAt" = ${time(1)} WHERE "id" IN (${ids}) AND ("lastUsedAt" IS NULL OR "lastUsedAt" < ${time(count + 2)})`;
}

/** A time as Prisma stores it: ISO text with its zone on SQLite (compared as text), UTC on PostgreSQL. */
function storedTime(at: Date): string {
  const iso = at.toISOString();
  return KIND === "postgres" ? iso.replace("T", " ").replace("Z", "") : iso.replace("Z", "+00:00");
}
