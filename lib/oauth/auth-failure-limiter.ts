import { isIP } from "node:net";
import { RateLimiterMemory, RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "@/lib/db/prisma";
import { logger, messageOf } from "@/lib/logging/logger";
import { announceBlock, takeUpAnnouncedBlocks } from "./relay-auth-blocks";

// Bounds on memory however many addresses fail: past it the oldest blocks go first.
const MAX_BLOCKED = 20_000;
// How often each process reads the blocks other instances' failures made.
const BLOCK_POLL_MS = 1_000;
// A count the database has not answered in this long is made in memory instead, so a slow
// database delays a failed authentication's answer by no more than this.
const COUNT_TIMEOUT_MS = 1_000;
// rate-limiter-flexible's prefix of the stored keys (AuthFailureCount.key).
const STORE_PREFIX = "auth-failures";

export type AuthFailureLimits = {
  /** Failed client authentications allowed per client id from one source address in a window. */
  perClient: number;
  /** Failed client authentications allowed per source address in a window. */
  perAddress: number;
  windowSeconds: number;
  /** Failures of one client in an hour, from all addresses together, that are audited (not blocked). */
  alertPerClient: number;
};

/**
 * The token service's failed-authentication limits, the same for every instance and
 * process: each failure is counted in the database (rate-limiter-flexible's Prisma store, a
 * window from the key's first failure; its points are the failures), so failures spread over
 * several instances reach the limit exactly as they would at one. The check on every
 * request reads only memory: a key over its limit is blocked here when this process counts
 * the failure that reaches it, the instance's other workers are told at once
 * (relay-auth-blocks.ts), and every second the blocks other instances reached are read. In
 * that second another instance may still take a request from a blocked key; if it fails, its
 * count finds the key over the limit, the answer is 429 all the same and that instance holds
 * the block from then on (fail()).
 */
export class AuthFailureLimiter {
  private readonly blocked = new Map<string, number>();
  private readonly perClient: { shared: RateLimiterPrisma; alone: RateLimiterMemory };
  private readonly perAddress: { shared: RateLimiterPrisma; alone: RateLimiterMemory };
  private poll: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly stopListening: () => void;
  private pollFailure = "";

  constructor(
    private readonly limits: AuthFailureLimits,
    private readonly store: Db,
    private readonly maxBlocked = MAX_BLOCKED,
  ) {
    const counter = (points: number) => {
      // While the database cannot count (or is too slow to), this process counts alone rather than not at all.
      const alone = new RateLimiterMemory({ points, duration: limits.windowSeconds });
      const shared = new RateLimiterPrisma({
        storeClient: store,
        tableName: "authFailureCount",
        keyPrefix: STORE_PREFIX,
        points,
        duration: limits.windowSeconds,
        // Old rows go with the token service's other clean-up (deleteEndedAuthFailureCounts).
        clearExpiredByTimeout: false,
        insuranceLimiter: alone,
      });
      return { shared, alone };
    };
    this.perClient = counter(limits.perClient);
    this.perAddress = counter(limits.perAddress);
    this.schedulePoll();
    this.stopListening = takeUpAnnouncedBlocks((key, until) => this.block(key, until));
  }

  get blockedCount(): number {
    return this.blocked.size;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.poll);
    this.stopListening();
  }

  /** The next read a second after this one ended: a slow database never piles reads up. */
  private schedulePoll(): void {
    if (this.closed) return;
    this.poll = setTimeout(() => void this.readBlocks().finally(() => this.schedulePoll()), BLOCK_POLL_MS).unref();
  }

  private limitOf(key: string): number {
    return key.startsWith("client:") ? this.limits.perClient : this.limits.perAddress;
  }

  private block(key: string, until: number): void {
    this.blocked.delete(key);
    if (this.blocked.size >= this.maxBlocked) this.blocked.delete(this.blocked.keys().next().value!);
    this.blocked.set(key, until);
  }

  /** Seconds until the first blocked key of these is free again; 0 when none is blocked. */
  retryAfter(keys: string[], now = Date.now()): number {
    let until = 0;
    for (const key of keys) {
      const end = this.blocked.get(key);
      if (end === undefined) continue;
      if (end <= now) this.blocked.delete(key);
      else until = Math.max(until, end);
    }
    return until ? Math.ceil((until - now) / 1000) : 0;
  }

  /**
   * Counts one failure against each key. Resolves to the seconds to wait when a key was
   * already at its limit before this failure (the caller answers 429), else 0. Never rejects.
   */
  async fail(keys: string[], now = Date.now()): Promise<number> {
    const counted = await Promise.all(
      keys.map((key) => {
        const { shared, alone } = key.startsWith("client:") ? this.perClient : this.perAddress;
        return withinTime(settled(shared.consume(key)), COUNT_TIMEOUT_MS, () => settled(alone.consume(key)));
      }),
    );
    let retryAfter = 0;
    keys.forEach((key, i) => {
      const result = counted[i];
      if (!result || result.consumedPoints < this.limitOf(key)) return;
      this.block(key, now + result.msBeforeNext);
      announceBlock(key, now + result.msBeforeNext);
      if (result.consumedPoints > this.limitOf(key)) retryAfter = Math.max(retryAfter, Math.ceil(result.msBeforeNext / 1000));
    });
    return retryAfter;
  }

  /** Takes up the blocks any process's failures reached. */
  async readBlocks(now = Date.now()): Promise<void> {
    try {
      const rows = await this.store.authFailureCount.findMany({
        where: { expire: { gt: new Date(now) }, points: { gte: Math.min(this.limits.perClient, this.limits.perAddress) } },
        // The newest blocks first: under a flood of blocked keys the cap keeps those.
        orderBy: { expire: "desc" },
        take: this.maxBlocked,
      });
      for (const row of rows) {
        const key = row.key.slice(STORE_PREFIX.length + 1);
        if (row.points >= this.limitOf(key) && this.blocked.get(key) !== row.expire!.getTime()) this.block(key, row.expire!.getTime());
      }
      this.pollFailure = "";
    } catch (error) {
      // The blocks this process counted itself still hold; say once that the others' are not read.
      const message = messageOf(error);
      if (message !== this.pollFailure) logger.error({ error: message }, "token service: could not read failed-authentication blocks");
      this.pollFailure = message;
    }
  }
}

/** A count's result: past the limit the library rejects with the count; anything else is a fault (null). */
function settled(consumed: Promise<RateLimiterRes>): Promise<RateLimiterRes | null> {
  return consumed.then(
    (result) => result,
    (result: unknown) => (result instanceof RateLimiterRes ? result : null),
  );
}

/** `work`'s result, or `fallback`'s if work has not settled within `ms`. */
function withinTime<T>(work: Promise<T>, ms: number, fallback: () => Promise<T>): Promise<T> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback()), ms);
    void work.then((result) => {
      clearTimeout(timer);
      resolve(result);
    });
  });
}

/** Counts whose window has ended; run with the token service's other clean-up. */
export async function deleteEndedAuthFailureCounts(store: Db, now = Date.now()): Promise<void> {
  await store.authFailureCount.deleteMany({ where: { expire: { lte: new Date(now) } } });
}

/**
 * A client id as tried from one exact address. Never the client id alone: the id is public
 * (it is in every authorization URL), so anyone could lock the client out by failing in its
 * name; nor from a whole /64, which neighbours on a shared network would lock out.
 */
export function clientAddressKey(clientId: string, address: string): string {
  const parsed = parseAddress(address);
  return `client:${clientId.toLowerCase().slice(0, 100)} from ${parsed ? (parsed.v4 ?? parsed.groups.join(":")) : "unparsed"}`;
}

/**
 * The totals an address's failures count against: an IPv4 address one by one; an IPv6
 * address by its /64 (the smallest block a network hands out, or one attacker would have
 * billions of addresses to fail from) and by its /48 (what one site often gets, or it would
 * have 65,536 /64s). Whatever does not parse as an address counts under one shared key.
 */
export function addressKeys(address: string): string[] {
  const parsed = parseAddress(address);
  if (!parsed) return ["address:unparsed"];
  if (parsed.v4) return [`address:${parsed.v4}`];
  return [`address:${parsed.groups.slice(0, 4).join(":")}::/64`, `address:${parsed.groups.slice(0, 3).join(":")}::/48`];
}

/** The first of addressKeys. */
export function addressKey(address: string): string {
  return addressKeys(address)[0]!;
}

/** An address (as a proxy or socket reports it, perhaps with a port or zone) as IPv4 or eight IPv6 groups; null if it is none. */
function parseAddress(raw: string): { v4?: string; groups: string[] } | null {
  let address = raw.trim();
  const withPort = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(address) ?? /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (withPort) address = withPort[1]!;
  address = address.split("%")[0]!;
  const version = isIP(address);
  if (version === 4) return { v4: address, groups: [] };
  if (version !== 6) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return { v4: mapped, groups: [] };
  // An embedded IPv4 tail (::1.2.3.4) is two groups.
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    address = `${address.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail = ""] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right] : left;
  return { groups: groups.map((g) => g.replace(/^0+(?=.)/, "")) };
}
