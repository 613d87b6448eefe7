import "server-only";
import { readRows } from "@/lib/db/read-rows";
import { clientCacheHits, clientCacheMisses } from "@/lib/metrics/metrics";
import { CLIENT_ID_PATTERN } from "@/lib/validation/client-id";
import { sharesAShape } from "./client-instance";
import { loadTokenServiceClient, type TokenServiceClient } from "./find-oauth-client";

/**
 * The token endpoint's view of clients, kept in memory so a token costs no database query.
 * Staleness is bounded: an entry is only used while the tenants' configuration versions
 * were read less than MAX_STALENESS_MS ago. Every change to a tenant raises its version in
 * the same transaction (lib/tenants/tenant-transaction.ts), so a deleted secret, client or
 * key stops working within a second on every server process; a changed version drops that
 * tenant's clients only, so one tenant's administrators cannot empty the cache of all the
 * others. Secret expiry needs no invalidation: it is checked against the clock. A new
 * secret needs none either: one that does not match is looked up again (reloadClient).
 */
export const MAX_STALENESS_MS = 1_000;
/**
 * The clients are kept by size, the least recently used leaving first: a tenant of 100,000
 * devices that each fetch a token per lifetime stays within the server's memory, and the
 * clients in steady use stay cached. Unknown ids are remembered too, so a flood of made-up
 * ids cannot reach the database more than once per id and second; apart from the clients,
 * and bounded by count, so such a flood can never push a real client out or grow memory.
 * (`bytes` is LATCHKEY_CLIENT_CACHE_MB, set by identity-handler.ts; an object so a test can
 * lower the bounds rather than make 20,000 queries.)
 */
export const CLIENT_CACHE_BOUNDS = { bytes: 128 * 1024 * 1024, entry: 64 * 1024, unknown: 20_000 };
/**
 * What a cached client costs: a client-credentials client with secrets is its record, whose
 * shared values (tenant, environment, roles, grants) are kept once (find-oauth-client.ts),
 * and the id and name that are its own; its oidc-provider Client is made per request
 * (client-instance.ts). Any other client also holds its own lists and URIs, counted by its
 * metadata's text, and the full Client built from them. Measured: 100,000 client-credentials
 * records of 3 secrets each grew the heap by 111 MB, 1,112 bytes each, with the cache's own
 * maps (before, about 2 kB each and 1.5 kB more for their Clients).
 */
const ENTRY_BYTES = { record: 600, perCredential: 170, fullClient: 3_072 };

type Entry = { client: TokenServiceClient; bytes: number };
// A Map iterates in insertion order: a hit moves its entry to the end, so the first is the
// least recently used.
const entries = new Map<string, Entry>();
// Each tenant's keys, least recently used first too, and their bytes.
const byTenant = new Map<string, { keys: Set<string>; bytes: number }>();
let cachedBytes = 0;
const unknown = new Set<string>();
let versions: Map<string, number> | null = null;
let checkedAt = -Infinity;
let checking: Promise<void> | null = null;
// Changes are numbered; a load that began before its tenant's last change (or, for an id
// found in no tenant, before any change) cannot put back what it read before that change.
let changes = 0;
const tenantChangedAt = new Map<string, number>();
let anyChangedAt = 0;
let clearedAt = 0;

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
  if (cached) {
    entries.delete(key);
    entries.set(key, cached);
    const ofTenant = byTenant.get(cached.client.metadata.latchkey_tenant_id)!;
    ofTenant.keys.delete(key);
    ofTenant.keys.add(key);
    clientCacheHits.inc();
    return { client: cached.client, loaded: false };
  }
  if (unknown.has(key)) {
    clientCacheHits.inc();
    return { client: undefined, loaded: false };
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
  const startedIn = changes;
  const loaded = await loadTokenServiceClient(key);
  const lastChange = loaded ? Math.max(tenantChangedAt.get(loaded.metadata.latchkey_tenant_id) ?? 0, clearedAt) : anyChangedAt;
  if (lastChange <= startedIn) {
    forget(key);
    unknown.delete(key);
    if (loaded) remember(key, loaded);
    else {
      if (unknown.size >= CLIENT_CACHE_BOUNDS.unknown) unknown.delete(unknown.values().next().value!);
      unknown.add(key);
    }
  }
  return loaded;
}

function remember(key: string, client: TokenServiceClient): void {
  const { metadata, secrets, keys } = client;
  const bytes =
    ENTRY_BYTES.record +
    metadata.client_name.length +
    ENTRY_BYTES.perCredential * (secrets.length + keys.length) +
    (sharesAShape(metadata) ? 0 : ENTRY_BYTES.fullClient + JSON.stringify(metadata).length);
  const budget = CLIENT_CACHE_BOUNDS.bytes;
  // No one client may take a large part of the cache (one over 64 kB, with many long URIs or
  // keys, is read from the database each time instead),
  // and a tenant over half of a full cache makes room from its own clients: another tenant's
  // clients, large and cycled through, cannot push everyone else's out.
  if (bytes > CLIENT_CACHE_BOUNDS.entry) return;
  const tenant = metadata.latchkey_tenant_id;
  const ofTenant = byTenant.get(tenant) ?? { keys: new Set<string>(), bytes: 0 };
  while (entries.size > 0 && cachedBytes + bytes > budget) {
    const own = ofTenant.bytes + bytes > budget / 2 && ofTenant.keys.size > 0 && byTenant.size > 1;
    forget((own ? ofTenant.keys.values() : entries.keys()).next().value!);
  }
  entries.set(key, { client, bytes });
  cachedBytes += bytes;
  ofTenant.keys.add(key);
  ofTenant.bytes += bytes;
  byTenant.set(tenant, ofTenant);
}

function forget(key: string): void {
  const entry = entries.get(key);
  if (!entry) return;
  entries.delete(key);
  cachedBytes -= entry.bytes;
  const tenant = entry.client.metadata.latchkey_tenant_id;
  const ofTenant = byTenant.get(tenant)!;
  ofTenant.keys.delete(key);
  ofTenant.bytes -= entry.bytes;
  if (ofTenant.keys.size === 0) byTenant.delete(tenant);
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
  checking ??= readVersions().finally(() => {
    checking = null;
  });
  return checking;
}

async function readVersions(): Promise<void> {
  // The read's start time: anything committed before it is seen by this read.
  const startedAt = Date.now();
  const clearedBefore = clearedAt;
  const rows = await readRows<{ id: string; configVersion: number }>(`SELECT "id", "configVersion" FROM "Tenant"`, []);
  // Read before the cache was emptied: its versions are older than what is cached since.
  if (clearedAt !== clearedBefore) return;
  const current = new Map(rows.map((row) => [row.id, row.configVersion]));
  if (versions) {
    // A tenant whose version moved (or that is gone) loses its clients; a new tenant has
    // none cached yet. Any change may have turned a remembered unknown id into a client.
    const previous = versions;
    const changed = [...new Set([...current.keys(), ...previous.keys()])].filter((tenant) => current.get(tenant) !== previous.get(tenant));
    if (changed.length > 0) {
      anyChangedAt = ++changes;
      for (const tenant of changed) {
        tenantChangedAt.set(tenant, changes);
        for (const key of [...(byTenant.get(tenant)?.keys ?? [])]) forget(key);
      }
      unknown.clear();
    }
  }
  versions = current;
  checkedAt = startedAt;
}

/** Forget everything at once (tests that change the database behind the domain's back). */
export function clearClientCache(): void {
  entries.clear();
  byTenant.clear();
  cachedBytes = 0;
  unknown.clear();
  anyChangedAt = clearedAt = ++changes;
  versions = null;
  checkedAt = -Infinity;
}

/** How many clients, their estimated bytes, and unknown ids the cache holds now. */
export function clientCacheSize(): { clients: number; bytes: number; unknown: number } {
  return { clients: entries.size, bytes: cachedBytes, unknown: unknown.size };
}
