import "server-only";
import { db } from "@/lib/db/prisma";

// "Last used" per secret and per key, coalesced: the token endpoint only notes the time in
// memory, and a timer writes the latest time of each used credential at most once per
// interval, so a busy client costs one write per interval instead of one per token.
const FLUSH_INTERVAL_MS = 5_000;
// Writes go in transactions of this many: one commit (one fsync on SQLite) per batch
// instead of per row, and short enough not to hold the database's write lock for long.
const BATCH = 250;
type Credential = "secret" | "key";
type Use = { credential: Credential; id: string; at: Date };
const pending = new Map<string, Use>();
let timer: NodeJS.Timeout | null = null;

export function recordCredentialUse(credential: Credential, id: string, at: Date): void {
  pending.set(`${credential}:${id}`, { credential, id, at });
  timer ??= setTimeout(() => void flushCredentialUses(), FLUSH_INTERVAL_MS).unref();
}

/** Writes the pending times; called by the timer and on shutdown. Never throws. */
export async function flushCredentialUses(): Promise<void> {
  timer = null;
  const uses = [...pending.values()];
  pending.clear();
  for (let start = 0; start < uses.length; start += BATCH) {
    const batch = uses.slice(start, start + BATCH);
    try {
      await db.$transaction(batch.map(write));
    } catch (error) {
      // A passing database fault must not take the token service down; try again later.
      console.error("could not record credentials' last use:", error instanceof Error ? error.message : error);
      for (const use of batch) if (!pending.has(`${use.credential}:${use.id}`)) recordCredentialUse(use.credential, use.id, use.at);
    }
  }
}

// updateMany: the credential may have been deleted meanwhile, which is not an error; and
// only a later time replaces the stored one (another server process may have written).
function write(use: Use) {
  const where = { id: use.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: use.at } }] };
  const data = { lastUsedAt: use.at };
  return use.credential === "secret" ? db.clientSecret.updateMany({ where, data }) : db.clientKey.updateMany({ where, data });
}
