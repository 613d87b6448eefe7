import "server-only";
import { db } from "@/lib/db/prisma";

// "Last used" per secret and per key, coalesced: the token endpoint only notes the time in
// memory, and a timer writes the latest time of each used credential at most once per
// interval, so a busy client costs one write per interval instead of one per token.
const FLUSH_INTERVAL_MS = 5_000;
type Credential = "secret" | "key";
const pending = new Map<string, { credential: Credential; id: string; at: Date }>();
let timer: NodeJS.Timeout | null = null;

export function recordCredentialUse(credential: Credential, id: string, at: Date): void {
  pending.set(`${credential}:${id}`, { credential, id, at });
  timer ??= setTimeout(() => void flushCredentialUses(), FLUSH_INTERVAL_MS).unref();
}

/** Writes the pending times; called by the timer and on shutdown. Never throws. */
export async function flushCredentialUses(): Promise<void> {
  timer = null;
  const batch = [...pending.values()];
  pending.clear();
  for (const use of batch) {
    try {
      // updateMany: the credential may have been deleted meanwhile, which is not an error.
      const where = { id: use.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: use.at } }] };
      const data = { lastUsedAt: use.at };
      if (use.credential === "secret") await db.clientSecret.updateMany({ where, data });
      else await db.clientKey.updateMany({ where, data });
    } catch (error) {
      // A passing database fault must not take the token service down; try again later.
      console.error("could not record a credential's last use:", error instanceof Error ? error.message : error);
      if (!pending.has(`${use.credential}:${use.id}`)) recordCredentialUse(use.credential, use.id, use.at);
    }
  }
}
