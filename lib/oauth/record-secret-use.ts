import "server-only";
import { db } from "@/lib/db/prisma";

// "Last used" per secret, coalesced: the token endpoint only notes the time in memory and
// a timer writes the latest time of each used secret at most once per interval, so a
// busy client costs one write per interval instead of one per token.
const FLUSH_INTERVAL_MS = 5_000;
const pending = new Map<string, Date>();
let timer: NodeJS.Timeout | null = null;

export function recordSecretUse(secretId: string, at: Date): void {
  pending.set(secretId, at);
  timer ??= setTimeout(() => void flushSecretUses(), FLUSH_INTERVAL_MS).unref();
}

/** Writes the pending times; called by the timer and on shutdown. Never throws. */
export async function flushSecretUses(): Promise<void> {
  timer = null;
  const batch = [...pending];
  pending.clear();
  for (const [id, at] of batch) {
    try {
      // updateMany: the secret may have been deleted meanwhile, which is not an error.
      await db.clientSecret.updateMany({
        where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: at } }] },
        data: { lastUsedAt: at },
      });
    } catch (error) {
      // A passing database fault must not take the token service down; try again later.
      console.error("could not record secret use:", error instanceof Error ? error.message : error);
      if (!pending.has(id)) recordSecretUse(id, at);
    }
  }
}
