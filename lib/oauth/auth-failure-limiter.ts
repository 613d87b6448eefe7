import cluster from "node:cluster";
import { isIP } from "node:net";

// Bounds on memory however many addresses fail: past them the oldest entries go first.
const MAX_WINDOWS = 100_000;
const MAX_BLOCKED = 20_000;

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
 * Counts failed client authentications per key in a window that starts at the key's first
 * failure. Reaching the limit blocks the key until that window ends. Memory stays bounded
 * without a full scan: the map is kept in order of window start (a new window re-inserts its
 * key), so ended windows are dropped from the front, and past maxKeys the oldest goes.
 */
export class FailureWindows {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limits: AuthFailureLimits,
    private readonly maxKeys = MAX_WINDOWS,
  ) {}

  get size(): number {
    return this.windows.size;
  }

  /** Counts one failure; returns when the key's block ends (epoch ms), or null if it is not blocked. */
  fail(key: string, now = Date.now()): number | null {
    const windowMs = this.limits.windowSeconds * 1000;
    for (const [k, w] of this.windows) {
      if (now - w.start < windowMs) break;
      this.windows.delete(k);
    }
    let window = this.windows.get(key);
    if (!window || now - window.start >= windowMs) {
      this.windows.delete(key);
      if (this.windows.size >= this.maxKeys) this.windows.delete(this.windows.keys().next().value!);
      this.windows.set(key, (window = { start: now, count: 0 }));
    }
    window.count++;
    const limit = key.startsWith("client:") ? this.limits.perClient : this.limits.perAddress;
    return window.count >= limit ? window.start + windowMs : null;
  }
}

type Message = { latchkey: "auth-failure"; keys: string[] } | { latchkey: "auth-block"; key: string; until: number };

/**
 * The token service's view: which keys are blocked now, and reporting failures. A single
 * process counts by itself. Cluster workers report each failure to the primary, which
 * counts for all of them (see countFailuresForWorkers) and tells every worker about a
 * block, so the limits hold for the server as a whole, not per worker.
 */
export class AuthFailureLimiter {
  private readonly blocked = new Map<string, number>();
  private readonly local: FailureWindows | null;
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    limits: AuthFailureLimits,
    private readonly maxBlocked = MAX_BLOCKED,
  ) {
    this.local = cluster.isWorker ? null : new FailureWindows(limits);
    if (cluster.isWorker) {
      process.on("message", (message: Message) => {
        if (message?.latchkey === "auth-block") this.block(message.key, message.until);
      });
    }
    // Blocks of keys that never come back would otherwise stay forever.
    this.sweeper = setInterval(() => this.sweep(), limits.windowSeconds * 1000).unref();
  }

  get blockedCount(): number {
    return this.blocked.size;
  }

  /** Drops blocks that have ended. */
  sweep(now = Date.now()): void {
    for (const [key, until] of this.blocked) if (until <= now) this.blocked.delete(key);
  }

  close(): void {
    clearInterval(this.sweeper);
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

  fail(keys: string[]): void {
    if (!this.local) {
      process.send?.({ latchkey: "auth-failure", keys } satisfies Message);
      return;
    }
    for (const key of keys) {
      const until = this.local.fail(key);
      if (until) this.block(key, until);
    }
  }
}

/** In the cluster's primary: counts the workers' failures and broadcasts blocks. */
export function countFailuresForWorkers(limits: AuthFailureLimits): void {
  const windows = new FailureWindows(limits);
  cluster.on("message", (_worker, message: Message) => {
    if (message?.latchkey !== "auth-failure") return;
    for (const key of message.keys) {
      const until = windows.fail(key);
      if (!until) continue;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.send({ latchkey: "auth-block", key, until } satisfies Message);
    }
  });
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
