import "server-only";
import { readRows } from "@/lib/db/read-rows";
import { clientCacheHits, clientCacheMisses } from "@/lib/metrics/metrics";
import { CLIENT_ID_PATTERN } from "@/lib/validation/client-id";
import { sharesAShape } from "./client-instance";
import { loadTokenServiceClient, type OAuthClientMetadata, type StoredSecret, type TokenServiceClient } from "./find-oauth-client";

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
export const CLIENT_CACHE_BOUNDS = { bytes: 64 * 1024 * 1024, entry: 64 * 1024, unknown: 20_000 };
/*
 * How a client is kept. 100,000 records of a dozen objects each cost about a kilobyte apiece
 * and, worse, every full garbage collection of a worker marks all 1.2 million objects (a
 * pause of tens of milliseconds, several times a second under load). A client-credentials
 * client with secrets, the kind a tenant has by the hundred thousand, is therefore kept as
 * two values: the metadata it shares with the other clients of its tenant, environment,
 * roles and lifetime (one frozen object for all of them) and one string of its own (name,
 * row id, secrets), unpacked on each hit (a couple of microseconds). Any other client is
 * kept as its record.
 */
// `since` is the change number its load began at: once its tenant changes after that, the
// entry is stale (see isStale).
type Entry = { tenant: string; since: number } & ({ record: TokenServiceClient; bytes: number } | { shared: OAuthClientMetadata; own: string });
/**
 * What an entry costs, estimated: a packed one, its string and the cache's maps (measured:
 * 575 bytes each for 100,000 of 3 secrets, their strings 377 characters); a record, its
 * metadata's text, its credentials and the full oidc-provider Client built from it
 * (client-instance.ts keeps that as long as the record).
 */
const ENTRY_BYTES = { packed: 200, record: 600, perCredential: 170, fullClient: 3_072 };
const MAX_SHARED = 1_000;
const sharedMetadata = new Map<string, OAuthClientMetadata>();

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
  let cached = entries.get(key);
  if (cached && isStale(cached)) {
    forget(key);
    cached = undefined;
  }
  if (cached) {
    entries.delete(key);
    entries.set(key, cached);
    const ofTenant = byTenant.get(cached.tenant)!;
    ofTenant.keys.delete(key);
    ofTenant.keys.add(key);
    clientCacheHits.inc();
    return { client: unpack(key, cached), loaded: false };
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
    if (loaded) remember(key, loaded, startedIn);
    else {
      if (unknown.size >= CLIENT_CACHE_BOUNDS.unknown) unknown.delete(unknown.values().next().value!);
      unknown.add(key);
    }
  }
  return loaded;
}

function remember(key: string, client: TokenServiceClient, since: number): void {
  const entry = pack(client, since);
  const bytes = bytesOf(entry);
  const budget = CLIENT_CACHE_BOUNDS.bytes;
  // No one client may take a large part of the cache (one over 64 kB, with many long URIs or
  // keys, is read from the database each time instead),
  // and a tenant over half of a full cache makes room from its own clients: another tenant's
  // clients, large and cycled through, cannot push everyone else's out.
  if (bytes > CLIENT_CACHE_BOUNDS.entry) return;
  const ofTenant = byTenant.get(entry.tenant) ?? { keys: new Set<string>(), bytes: 0 };
  while (entries.size > 0 && cachedBytes + bytes > budget) {
    const own = ofTenant.bytes + bytes > budget / 2 && ofTenant.keys.size > 0 && byTenant.size > 1;
    forget((own ? ofTenant.keys.values() : entries.keys()).next().value!);
  }
  entries.set(key, entry);
  cachedBytes += bytes;
  ofTenant.keys.add(key);
  ofTenant.bytes += bytes;
  byTenant.set(entry.tenant, ofTenant);
}

function forget(key: string): void {
  const entry = entries.get(key);
  if (!entry) return;
  entries.delete(key);
  const bytes = bytesOf(entry);
  cachedBytes -= bytes;
  const ofTenant = byTenant.get(entry.tenant)!;
  ofTenant.keys.delete(key);
  ofTenant.bytes -= bytes;
  if (ofTenant.keys.size === 0) byTenant.delete(entry.tenant);
}

function pack(record: TokenServiceClient, since: number): Entry {
  const { metadata, secrets } = record;
  const tenant = metadata.latchkey_tenant_id;
  if (!sharesAShape(metadata) || record.keys.length > 0) {
    // Worked out once: dropping a tenant's clients must not serialize each again.
    const bytes =
      ENTRY_BYTES.record + JSON.stringify(metadata).length + ENTRY_BYTES.perCredential * (secrets.length + record.keys.length) + ENTRY_BYTES.fullClient;
    return { tenant, since, record, bytes };
  }
  const common = { ...metadata, client_id: "", client_name: "", latchkey_client_db_id: "" };
  const sharedKey = JSON.stringify(common);
  let shared = sharedMetadata.get(sharedKey);
  if (!shared) {
    if (sharedMetadata.size >= MAX_SHARED) sharedMetadata.clear();
    // Frozen, lists too: something that changed one client's metadata in place would change
    // them all, so it fails loudly instead.
    for (const value of Object.values(common)) if (Array.isArray(value)) Object.freeze(value);
    shared = Object.freeze(common);
    sharedMetadata.set(sharedKey, shared);
  }
  const own = JSON.stringify([
    metadata.client_name,
    metadata.latchkey_client_db_id,
    ...secrets.flatMap((secret) => [secret.id, secret.hash, secret.expiresAt]),
  ]);
  return { tenant, since, shared, own };
}

function unpack(key: string, entry: Entry): TokenServiceClient {
  if ("record" in entry) return entry.record;
  const [name, dbId, ...flat] = JSON.parse(entry.own) as [string, string, ...(string | number | null)[]];
  const secrets: StoredSecret[] = [];
  for (let i = 0; i < flat.length; i += 3) secrets.push({ id: flat[i] as string, hash: flat[i + 1] as string, expiresAt: flat[i + 2] as number | null });
  return { metadata: { ...entry.shared, client_id: key, client_name: name, latchkey_client_db_id: dbId }, secrets, keys: [], shared: entry.shared };
}

function bytesOf(entry: Entry): number {
  return "own" in entry ? ENTRY_BYTES.packed + entry.own.length : entry.bytes;
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
        sweep(tenant);
      }
      unknown.clear();
    }
  }
  versions = current;
  checkedAt = startedAt;
}

/** Whether the entry's tenant changed since its load began: it is not used again. */
function isStale(entry: Entry): boolean {
  return entry.since < (tenantChangedAt.get(entry.tenant) ?? 0);
}

/**
 * A changed tenant's entries are stale at once (isStale) and freed here a chunk at a time:
 * forgetting 100,000 devices' entries in one go held the event loop for tens of milliseconds.
 * A Set's iterator goes on over deletions; the keys it meets that were loaded since are fresh
 * and stay.
 */
const SWEEP_CHUNK = 2_000;
function sweep(tenant: string): void {
  const keys = byTenant.get(tenant)?.keys.values();
  if (!keys) return;
  const step = () => {
    for (let i = 0; i < SWEEP_CHUNK; i++) {
      const next = keys.next();
      if (next.done) return;
      const entry = entries.get(next.value);
      if (entry && isStale(entry)) forget(next.value);
    }
    setImmediate(step);
  };
  step();
}

/** Forget everything at once (tests that change the database behind the domain's back). */
export function clearClientCache(): void {
  entries.clear();
  byTenant.clear();
  sharedMetadata.clear();
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
