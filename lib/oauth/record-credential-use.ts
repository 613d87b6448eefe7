import "server-only";
import { db } from "@/lib/db/prisma";
import { logger, messageOf } from "@/lib/logging/logger";

// "Last used" per secret and per key, coalesced: the token endpoint only notes which
// credentials were used, and a timer writes them at most once per interval, a few
// statements for all of them together (one per kind and CHUNK ids), so the database sees
// a handful of writes every five seconds however many tokens are issued.
const FLUSH_INTERVAL_MS = 5_000;
// better-sqlite3 runs each statement on the event loop: 500 ids took 75 ms there (every
// token request waiting behind it), 50 take about 2 ms. Between chunks the flush yields, so
// requests go on while tens of thousands of devices' uses are written.
const CHUNK = 50;
type Credential = "secret" | "key";
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
 * within the flush interval. Called by the timer and on shutdown. Never throws.
 */
export async function flushCredentialUses(): Promise<void> {
  timer = null;
  const at = new Date(latest);
  for (const credential of ["secret", "key"] as const) {
    const ids = [...pending[credential]];
    pending[credential].clear();
    for (let start = 0; start < ids.length; start += CHUNK) {
      const chunk = ids.slice(start, start + CHUNK);
      // updateMany: a credential may have been deleted meanwhile, which is not an error; and
      // only a later time replaces the stored one (another server process may have written).
      const where = { id: { in: chunk }, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: at } }] };
      try {
        if (credential === "secret") await db.clientSecret.updateMany({ where, data: { lastUsedAt: at } });
        else await db.clientKey.updateMany({ where, data: { lastUsedAt: at } });
      } catch (error) {
        // A passing database fault must not take the token service down; try again later.
        logger.error({ credential, count: chunk.length, error: messageOf(error) }, "could not record credentials' last use; trying again later");
        for (const id of chunk) recordCredentialUse(credential, id, at);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
