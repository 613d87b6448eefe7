import "server-only";
import { db } from "@/lib/db/prisma";
import { clientCacheHits, clientCacheMisses } from "@/lib/metrics/metrics";
import { CLIENT_ID_PATTERN } from "@/lib/validation/client-id";
import { clientIdExists, loadTokenServiceClient, type TokenServiceClient } from "./find-oauth-client";

/**
 * The token endpoint's view of clients, kept in memory so a token costs no database query.
 * Staleness is bounded: an entry is only used while the tenants' configuration versions
 * were read less than MAX_STALENESS_MS ago. Every change to a tenant raises its version in
 * the same transaction (lib/tenants/tenant-transaction.ts), so a deleted secret, client or
 * key stops working within a second on every server process; a changed version empties
 * the whole cache. Secret expiry needs no invalidation: it is checked against the clock.
 * A new secret needs none either: one that does not match is looked up again (reloadClient).
 */
export const MAX_STALENESS_MS = 1_000;
// Unknown ids are remembered too, so a flood of made-up ids cannot reach the database more
// than once per id and second; apart from the clients, so such a flood can never push a
// real client out of the cache. Both bounds keep memory from growing.
// (An object so a test can lower them rather than make 20,000 queries.)
export const CLIENT_CACHE_BOUNDS = { clients: 20_000, unknown: 20_000 };

const entries = new Map<string, TokenServiceClient>();
const unknown = new Set<string>();
let version: string | null = null;
let checkedAt = -Infinity;
let checking: Promise<void> | null = null;
// Raised whenever the cache is emptied, so a load that began before cannot put back what
// it read from the database before the change.
let generation = 0;

export async function findCachedClient(clientId: string): Promise<TokenServiceClient | undefined> {
  return (await lookUpClient(clientId)).client;
}

/** As findCachedClient, and whether the answer was read from the database just now. */
export async function lookUpClient(clientId: string): Promise<{ client: TokenServiceClient | undefined; loaded: boolean }> {
  const key = clientId.toLowerCase();
  // Not a client id at all: nothing to look up (PostgreSQL would answer a NUL byte with an
  // error, not an empty result) and nothing to remember (50 kB "ids" must not fill the cache).
  if (!CLIENT_ID_PATTERN.test(key)) return { client: undefined, loaded: false };
  await ensureFresh();
  const cached = entries.get(key);
  if (cached || unknown.has(key)) {
    clientCacheHits.inc();
    return { client: cached, loaded: false };
  }
  clientCacheMisses.inc();
  return { client: await load(key), loaded: true };
}

/**
 * The client as the database has it now, bypassing the cache (and updating it). For a
 * secret that did not match: one added in the last second is not cached yet, and the
 * application that just got it must not be refused.
 */
export async function reloadClient(clientId: string): Promise<TokenServiceClient | undefined> {
  const key = clientId.toLowerCase();
  return CLIENT_ID_PATTERN.test(key) ? load(key) : undefined;
}

async function load(key: string): Promise<TokenServiceClient | undefined> {
  const startedIn = generation;
  // Unknown ids cost one small query, not the whole client's (client-lookup.ts says why).
  const loaded = (await clientIdExists(key)) ? ((await loadTokenServiceClient(key)) ?? null) : null;
  if (startedIn === generation) {
    entries.delete(key);
    unknown.delete(key);
    if (loaded) {
      if (entries.size >= CLIENT_CACHE_BOUNDS.clients) entries.delete(entries.keys().next().value!);
      entries.set(key, loaded);
    } else {
      if (unknown.size >= CLIENT_CACHE_BOUNDS.unknown) unknown.delete(unknown.values().next().value!);
      unknown.add(key);
    }
  }
  return loaded ?? undefined;
}

// The versions are re-read twice a second in the background, so a request waits for a
// read only when the last one that succeeded is a second old (the database is slow or away).
let refresher: NodeJS.Timeout | null = null;

async function ensureFresh(): Promise<void> {
  refresher ??= setInterval(() => void check().catch(() => undefined), MAX_STALENESS_MS / 2).unref();
  if (Date.now() - checkedAt < MAX_STALENESS_MS) return;
  await check();
}

function check(): Promise<void> {
  checking ??= readVersion().finally(() => {
    checking = null;
  });
  return checking;
}

async function readVersion(): Promise<void> {
  // The read's start time: anything committed before it is seen by this read.
  const startedAt = Date.now();
  const { _sum, _count } = await db.tenant.aggregate({ _sum: { configVersion: true }, _count: true });
  // Versions only grow, so any committed change raises the sum; the count joins in so
  // that adding a tenant counts as a change too. (Tenants are never deleted; deleting one
  // would have to raise another version, or the sum could fall back to an old value.)
  const current = `${_sum.configVersion ?? 0}:${_count}`;
  if (current !== version) {
    entries.clear();
    unknown.clear();
    generation++;
    version = current;
  }
  checkedAt = startedAt;
}

/** Forget everything at once (tests that change the database behind the domain's back). */
export function clearClientCache(): void {
  entries.clear();
  unknown.clear();
  generation++;
  version = null;
  checkedAt = -Infinity;
}

/** How many clients, and unknown ids, the cache holds now. */
export function clientCacheSize(): { clients: number; unknown: number } {
  return { clients: entries.size, unknown: unknown.size };
}
