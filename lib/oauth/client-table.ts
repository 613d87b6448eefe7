// The client cache's storage (client-cache.ts holds its policy): entries in fixed slots of
// typed arrays outside the JavaScript heap, found by client id through an open-addressing
// index, in two least-recently-used lists (all entries, and each tenant's). A tenant of
// 100,000 devices kept as JavaScript objects cost a few hundred bytes and several objects per
// device in each worker, and every full garbage collection marked them all; here a device
// costs 296 bytes the collector never looks at, and the common device (a client-credentials
// client with up to three secrets and a name of up to 48 bytes) is kept whole in its slot.
// Any other client is kept as its JavaScript record beside the slot.
import { randomBytes } from "node:crypto";
import { CLIENT_ID_PATTERN } from "@/lib/validation/client-id";
import type { StoredSecret } from "./find-oauth-client";

const SLOT_BYTES = 256;
// A slot: the client id, its row id, the number of secrets, its name's length, the secrets
// (each its row id, SHA-256 and expiry), then the name's UTF-8 bytes.
const KEY = 0;
const DB_ID = 16;
const COUNT = 32;
const NAME_LENGTH = 33;
const SECRETS = 40;
const SECRET_BYTES = 56;
const SECRET_HASH = 16;
const SECRET_EXPIRY = 48;
/** What a slot costs in all: its bytes, eight 4-byte fields, and two index places. */
export const SLOT_COST = SLOT_BYTES + 8 * 4 + 2 * 4;
const NONE = -1;
// A lower-case GUID: how client ids, and the row ids Prisma makes, are written.
const GUID = CLIENT_ID_PATTERN;
// Client ids may be chosen by a tenant's administrators: a hash they could predict would let
// them pile ids into one run of the index and slow every lookup. A secret seed per process.
const SEED = randomBytes(4).readUInt32LE(0);
const HEX_HASH = /^[0-9a-f]{64}$/;

/** What a packed slot holds of a client (the rest is the metadata it shares with others). */
export type PackedClient = { dbId: string; name: string; secrets: StoredSecret[] };

export class ClientTable {
  readonly capacity: number;
  private readonly bytes: Buffer;
  private readonly words: Uint32Array;
  private readonly expiries: Float64Array;
  private readonly index: Int32Array;
  private readonly mask: number;
  // Per slot: its neighbours in both lists, its tenant, the shared metadata it packs against
  // (NONE: a record), the change number its load began at, and the bytes it is counted for.
  private readonly older: Int32Array;
  private readonly newer: Int32Array;
  private readonly tenantOlder: Int32Array;
  private readonly tenantNewer: Int32Array;
  readonly tenantOf: Int32Array;
  readonly sharedOf: Int32Array;
  readonly sinceOf: Int32Array;
  readonly bytesOf: Int32Array;
  private readonly records: unknown[] = [];
  private oldestSlot = NONE;
  private newestSlot = NONE;
  private readonly tenantOldest: number[] = [];
  private readonly tenantNewest: number[] = [];
  private freeSlot = NONE;
  private nextUnused = 0;
  size = 0;
  private readonly scratch = Buffer.alloc(16);
  private readonly scratchWords = new Uint32Array(this.scratch.buffer, this.scratch.byteOffset, 4);

  constructor(capacity: number) {
    this.capacity = Math.max(1, Math.floor(capacity));
    // Zero-filled and untouched until used: the operating system backs only what is written.
    this.bytes = Buffer.alloc(this.capacity * SLOT_BYTES);
    this.words = new Uint32Array(this.bytes.buffer, this.bytes.byteOffset, this.bytes.length / 4);
    this.expiries = new Float64Array(this.bytes.buffer, this.bytes.byteOffset, this.bytes.length / 8);
    let places = 2;
    while (places < this.capacity * 2) places *= 2;
    this.index = new Int32Array(places);
    this.mask = places - 1;
    const perSlot = () => new Int32Array(this.capacity);
    this.older = perSlot();
    this.newer = perSlot();
    this.tenantOlder = perSlot();
    this.tenantNewer = perSlot();
    this.tenantOf = perSlot();
    this.sharedOf = perSlot();
    this.sinceOf = perSlot();
    this.bytesOf = perSlot();
  }

  /** The slot holding this client id (a lower-case GUID), or NONE. */
  find(key: string): number {
    if (!GUID.test(key)) return NONE;
    writeGuid(this.scratch, 0, key);
    const [a, b, c, d] = this.scratchWords as unknown as [number, number, number, number];
    for (let place = hash(a, b, c, d) & this.mask; ; place = (place + 1) & this.mask) {
      const held = this.index[place]!;
      if (held === 0) return NONE;
      const word = (held - 1) * (SLOT_BYTES / 4);
      if (this.words[word] === a && this.words[word + 1] === b && this.words[word + 2] === c && this.words[word + 3] === d) return held - 1;
    }
  }

  /** Whether a slot is free for another entry (else the caller makes room first). */
  get full(): boolean {
    return this.freeSlot === NONE && this.nextUnused >= this.capacity;
  }

  /** Adds an entry for a key not in the table, as the most recently used; returns its slot. */
  add(key: string, tenant: number, since: number, bytes: number): number {
    if (this.full) throw new Error("The client table is full");
    let slot: number;
    if (this.freeSlot !== NONE) {
      slot = this.freeSlot;
      this.freeSlot = this.newer[slot]!;
    } else slot = this.nextUnused++;
    const base = slot * SLOT_BYTES;
    writeGuid(this.bytes, base + KEY, key);
    const word = base / 4;
    const [a, b, c, d] = [this.words[word]!, this.words[word + 1]!, this.words[word + 2]!, this.words[word + 3]!];
    let place = hash(a, b, c, d) & this.mask;
    while (this.index[place] !== 0) place = (place + 1) & this.mask;
    this.index[place] = slot + 1;
    this.tenantOf[slot] = tenant;
    this.sharedOf[slot] = NONE;
    this.sinceOf[slot] = since;
    this.bytesOf[slot] = bytes;
    this.link(slot);
    this.size++;
    return slot;
  }

  /** Marks the slot the most recently used, in both lists. */
  touch(slot: number): void {
    if (this.newestSlot === slot) return;
    this.unlink(slot);
    this.link(slot);
  }

  remove(slot: number): void {
    this.unlink(slot);
    this.unindex(slot);
    this.records[slot] = undefined;
    this.newer[slot] = this.freeSlot;
    this.freeSlot = slot;
    this.size--;
  }

  /** The least recently used slot of all, or of one tenant; NONE when there is none. */
  oldest(tenant?: number): number {
    return tenant === undefined ? this.oldestSlot : (this.tenantOldest[tenant] ?? NONE);
  }

  record<T>(slot: number): T {
    return this.records[slot] as T;
  }

  setRecord(slot: number, record: unknown): void {
    this.records[slot] = record;
  }

  /** Whether a client fits a slot: up to three secrets and a short name, ids that are GUIDs (else the caller keeps a record). */
  fits({ dbId, name, secrets }: PackedClient): boolean {
    const nameBytes = Buffer.byteLength(name, "utf8");
    if (SECRETS + secrets.length * SECRET_BYTES + nameBytes > SLOT_BYTES) return false;
    return GUID.test(dbId) && secrets.every((secret) => GUID.test(secret.id) && HEX_HASH.test(secret.hash));
  }

  /** Writes a client that fits into its slot, with the number of the metadata it shares. */
  pack(slot: number, shared: number, client: PackedClient): void {
    const { dbId, name, secrets } = client;
    const nameBytes = Buffer.byteLength(name, "utf8");
    const base = slot * SLOT_BYTES;
    writeGuid(this.bytes, base + DB_ID, dbId);
    this.bytes[base + COUNT] = secrets.length;
    this.bytes[base + NAME_LENGTH] = nameBytes;
    secrets.forEach((secret, i) => {
      const at = base + SECRETS + i * SECRET_BYTES;
      writeGuid(this.bytes, at, secret.id);
      this.bytes.write(secret.hash, at + SECRET_HASH, 32, "hex");
      this.expiries[(at + SECRET_EXPIRY) / 8] = secret.expiresAt ?? Number.NaN;
    });
    this.bytes.write(name, base + SECRETS + secrets.length * SECRET_BYTES, nameBytes, "utf8");
    this.sharedOf[slot] = shared;
  }

  unpack(slot: number): PackedClient {
    const base = slot * SLOT_BYTES;
    const count = this.bytes[base + COUNT]!;
    const secrets: StoredSecret[] = [];
    for (let i = 0; i < count; i++) {
      const at = base + SECRETS + i * SECRET_BYTES;
      const expiresAt = this.expiries[(at + SECRET_EXPIRY) / 8]!;
      secrets.push({
        id: readGuid(this.bytes, at),
        hash: this.bytes.toString("hex", at + SECRET_HASH, at + SECRET_HASH + 32),
        expiresAt: Number.isNaN(expiresAt) ? null : expiresAt,
      });
    }
    const nameAt = base + SECRETS + count * SECRET_BYTES;
    return { dbId: readGuid(this.bytes, base + DB_ID), name: this.bytes.toString("utf8", nameAt, nameAt + this.bytes[base + NAME_LENGTH]!), secrets };
  }

  private link(slot: number): void {
    this.older[slot] = this.newestSlot;
    this.newer[slot] = NONE;
    if (this.newestSlot !== NONE) this.newer[this.newestSlot] = slot;
    else this.oldestSlot = slot;
    this.newestSlot = slot;
    const tenant = this.tenantOf[slot]!;
    const newest = this.tenantNewest[tenant] ?? NONE;
    this.tenantOlder[slot] = newest;
    this.tenantNewer[slot] = NONE;
    if (newest !== NONE) this.tenantNewer[newest] = slot;
    else this.tenantOldest[tenant] = slot;
    this.tenantNewest[tenant] = slot;
  }

  private unlink(slot: number): void {
    const [older, newer] = [this.older[slot]!, this.newer[slot]!];
    if (older !== NONE) this.newer[older] = newer;
    else this.oldestSlot = newer;
    if (newer !== NONE) this.older[newer] = older;
    else this.newestSlot = older;
    const tenant = this.tenantOf[slot]!;
    const [tenantOlder, tenantNewer] = [this.tenantOlder[slot]!, this.tenantNewer[slot]!];
    if (tenantOlder !== NONE) this.tenantNewer[tenantOlder] = tenantNewer;
    else this.tenantOldest[tenant] = tenantNewer;
    if (tenantNewer !== NONE) this.tenantOlder[tenantNewer] = tenantOlder;
    else this.tenantNewest[tenant] = tenantOlder;
  }

  /** Takes the slot out of the index, moving later places of its run back (linear probing keeps no tombstones). */
  private unindex(slot: number): void {
    let place = this.placeOf(slot);
    for (let next = (place + 1) & this.mask; this.index[next] !== 0; next = (next + 1) & this.mask) {
      const held = this.index[next]! - 1;
      const word = held * (SLOT_BYTES / 4);
      const home = hash(this.words[word]!, this.words[word + 1]!, this.words[word + 2]!, this.words[word + 3]!) & this.mask;
      // It may fill the gap if its home is not within (gap, next] on the ring.
      if (place < next ? home <= place || home > next : home <= place && home > next) {
        this.index[place] = held + 1;
        place = next;
      }
    }
    this.index[place] = 0;
  }

  private placeOf(slot: number): number {
    const word = slot * (SLOT_BYTES / 4);
    for (
      let place = hash(this.words[word]!, this.words[word + 1]!, this.words[word + 2]!, this.words[word + 3]!) & this.mask;
      ;
      place = (place + 1) & this.mask
    ) {
      if (this.index[place] === slot + 1) return place;
      if (this.index[place] === 0) throw new Error(`Slot ${slot} is not in the client table`);
    }
  }
}

/** Mixes a GUID's four words with the process's seed (ids may be chosen by callers: see SEED). */
function hash(a: number, b: number, c: number, d: number): number {
  let h = Math.imul(a ^ SEED, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ b, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ c, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ d, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A lower-case GUID's 16 bytes (its 32 hex digits, dashes skipped). */
function writeGuid(target: Buffer, at: number, guid: string): void {
  target.write(guid.slice(0, 8), at, 4, "hex");
  target.write(guid.slice(9, 13), at + 4, 2, "hex");
  target.write(guid.slice(14, 18), at + 6, 2, "hex");
  target.write(guid.slice(19, 23), at + 8, 2, "hex");
  target.write(guid.slice(24, 36), at + 10, 6, "hex");
}

function readGuid(source: Buffer, at: number): string {
  const hex = source.toString("hex", at, at + 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
