import "server-only";
import { readRows } from "@/lib/db/read-rows";
import { clientCacheHits, clientCacheMisses } from "@/lib/metrics/metrics";
import { CLIENT_ID_PATTERN } from "@/lib/validation/client-id";
import { sharesAShape } from "./client-instance";
import { ClientTable, SLOT_COST, type PackedClient } from "./client-table";
import { loadTokenServiceClient, type OAuthClientMetadata, type TokenServiceClient } from "./find-oauth-client";

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
 * How a client is kept: in a slot of the client table (client-table.ts), outside the
 * JavaScript heap. A client-credentials client with secrets, the kind a tenant has by the
 * hundred thousand, is packed whole into its slot beside the metadata it shares with the
 * other clients of its tenant, environment, roles and lifetime (one frozen object for all of
 * them), and unpacked on each hit (a couple of microseconds). Any other client, or one that
 * does not fit a slot, is kept as its record beside the slot.
 */
/**
 * What an entry costs: its slot (client-table.ts), and for a record its metadata's text, its
 * credentials and the full oidc-provider Client built from it (client-instance.ts keeps that
 * as long as the record).
 */
const RECORD_BYTES = { record: 600, perCredential: 170, fullClient: 3_072 };
const MAX_SHARED = 1_000;
// Shared metadata is numbered in the slots that use it, and its number is free again once
// none does; past MAX_SHARED kinds in use at once, a client is kept as its record.
const sharedMetadata: (OAuthClientMetadata | undefined)[] = [];
const sharedKey: string[] = [];
const sharedUses: number[] = [];
const freeShared: number[] = [];
const sharedNumber = new Map<string, number>();
const tenantNumber = new Map<string, number>();
const tenantIds: string[] = [];
const tenantBytes: number[] = [];

let table: ClientTable | null = null;
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
  let slot = table ? table.find(key) : -1;
  if (slot >= 0 && isStale(slot)) {
    forget(slot);
    slot = -1;
  }
  if (slot >= 0) {
    table!.touch(slot);
    clientCacheHits.inc();
    return { client: unpack(key, slot), loaded: false };
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
    const slot = table ? table.find(key) : -1;
    if (slot >= 0) forget(slot);
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
  table ??= new ClientTable(CLIENT_CACHE_BOUNDS.bytes / SLOT_COST);
  const { metadata, secrets, keys } = client;
  const packed: PackedClient = { dbId: metadata.latchkey_client_db_id, name: metadata.client_name, secrets };
  const shared = sharesAShape(metadata) && keys.length === 0 && table.fits(packed) ? sharedNumberOf(metadata) : undefined;
  const bytes =
    SLOT_COST +
    (shared !== undefined
      ? 0
      : RECORD_BYTES.record + JSON.stringify(metadata).length + RECORD_BYTES.perCredential * (secrets.length + keys.length) + RECORD_BYTES.fullClient);
  // No one client may take a large part of the cache (one over 64 kB, with many long URIs or
  // keys, is read from the database each time instead), and a tenant over half of a full
  // cache makes room from its own clients: another tenant's clients, large and cycled
  // through, cannot push everyone else's out.
  if (bytes > CLIENT_CACHE_BOUNDS.entry) return;
  const tenant = tenantNumberOf(metadata.latchkey_tenant_id);
  const budget = CLIENT_CACHE_BOUNDS.bytes;
  while (table.size > 0 && (cachedBytes + bytes > budget || table.full)) {
    const own = tenantBytes[tenant]! + bytes > budget / 2 && table.oldest(tenant) >= 0 && tenantNumber.size > 1;
    forget(table.oldest(own ? tenant : undefined));
  }
  const slot = table.add(key, tenant, since, bytes);
  if (shared !== undefined) {
    table.pack(slot, shared, packed);
    sharedUses[shared]!++;
  } else table.setRecord(slot, client);
  cachedBytes += bytes;
  tenantBytes[tenant]! += bytes;
}

function forget(slot: number): void {
  const shared = table!.sharedOf[slot]!;
  if (shared >= 0 && --sharedUses[shared]! === 0) {
    sharedNumber.delete(sharedKey[shared]!);
    sharedMetadata[shared] = undefined;
    freeShared.push(shared);
  }
  const bytes = table!.bytesOf[slot]!;
  cachedBytes -= bytes;
  tenantBytes[table!.tenantOf[slot]!]! -= bytes;
  table!.remove(slot);
}

function sharedNumberOf(metadata: OAuthClientMetadata): number | undefined {
  const common = { ...metadata, client_id: "", client_name: "", latchkey_client_db_id: "" };
  const key = JSON.stringify(common);
  let number = sharedNumber.get(key);
  if (number === undefined) {
    if (freeShared.length === 0 && sharedMetadata.length >= MAX_SHARED) return undefined;
    // Frozen, lists too: something that changed one client's metadata in place would change
    // them all, so it fails loudly instead.
    for (const value of Object.values(common)) if (Array.isArray(value)) Object.freeze(value);
    number = freeShared.pop() ?? sharedMetadata.length;
    sharedMetadata[number] = Object.freeze(common);
    sharedKey[number] = key;
    sharedUses[number] = 0;
    sharedNumber.set(key, number);
  }
  return number;
}

function tenantNumberOf(tenantId: string): number {
  let number = tenantNumber.get(tenantId);
  if (number === undefined) {
    number = tenantIds.push(tenantId) - 1;
    tenantBytes.push(0);
    tenantNumber.set(tenantId, number);
  }
  return number;
}

function unpack(key: string, slot: number): TokenServiceClient {
  const shared = table!.sharedOf[slot]!;
  if (shared < 0) return table!.record<TokenServiceClient>(slot);
  const { dbId, name, secrets } = table!.unpack(slot);
  const metadata = sharedMetadata[shared]!;
  return { metadata: { ...metadata, client_id: key, client_name: name, latchkey_client_db_id: dbId }, secrets, keys: [], shared: metadata };
}

/** Whether the slot's tenant changed since its load began: it is not used again. */
function isStale(slot: number): boolean {
  return table!.sinceOf[slot]! < (tenantChangedAt.get(tenantIds[table!.tenantOf[slot]!]!) ?? 0);
}

/**
 * A changed tenant's entries are stale at once (isStale) and freed here a chunk at a time:
 * forgetting 100,000 devices' entries in one go held the event loop for tens of
 * milliseconds. They are the oldest of their tenant's list (a hit on one drops it, and what
 * is loaded since comes after them), so each chunk takes them from its start.
 */
const SWEEP_CHUNK = 2_000;
const sweeping = new Set<number>();
let sweeper: NodeJS.Immediate | null = null;
function sweep(tenantId: string): void {
  const tenant = tenantNumber.get(tenantId);
  if (tenant === undefined || !table) return;
  sweeping.add(tenant);
  // One chunk per turn for all changed tenants together, never in the read of the versions.
  sweeper ??= setImmediate(sweepChunk);
}

function sweepChunk(): void {
  sweeper = null;
  let left = SWEEP_CHUNK;
  for (const tenant of sweeping) {
    let slot = table ? table.oldest(tenant) : -1;
    for (; left > 0 && slot >= 0 && isStale(slot); left--, slot = table!.oldest(tenant)) forget(slot);
    if (left === 0) break;
    sweeping.delete(tenant);
  }
  if (sweeping.size > 0) sweeper = setImmediate(sweepChunk);
}

// The versions are re-read twice a second in the background, so a request waits for a
// read only when the last one that succeeded is a second old (the database is slow or away).
let refresher: NodeJS.Timeout | null = null;

async function ensureFresh(): Promise<void> {
  refresher ??= setInterval(() => void check().catch(() => undefined), MAX_STALENESS_MS / 2).unref();
  if (Date.now() - checkedAt < MAX_STALENESS_MS) return;
  await check();
  // The read joined may have begun long ago (a slow database): then one more, begun now.
  if (Date.now() - checkedAt >= MAX_STALENESS_MS) await check();
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

/**
 * Sets the cache's size (LATCHKEY_CLIENT_CACHE_MB) and builds its table at start-up, so a
 * size the machine cannot allocate stops the server there rather than failing every token.
 */
export function configureClientCache(bytes: number): void {
  CLIENT_CACHE_BOUNDS.bytes = bytes;
  clearClientCache();
  table = new ClientTable(bytes / SLOT_COST);
}

/** Forget everything at once (tests that change the database behind the domain's back). */
export function clearClientCache(): void {
  table = null;
  for (const list of [sharedMetadata, sharedKey, sharedUses, freeShared]) list.length = 0;
  sharedNumber.clear();
  tenantBytes.fill(0);
  cachedBytes = 0;
  unknown.clear();
  anyChangedAt = clearedAt = ++changes;
  versions = null;
  checkedAt = -Infinity;
}

/** How many clients, their estimated bytes, and unknown ids the cache holds now. */
export function clientCacheSize(): { clients: number; bytes: number; unknown: number } {
  return { clients: table?.size ?? 0, bytes: cachedBytes, unknown: unknown.size };
}
