import cluster from "node:cluster";

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
 * failure. Reaching the limit blocks the key until that window ends. Memory stays bounded:
 * windows that ended are swept as new ones start.
 */
export class FailureWindows {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private nextSweep = 0;

  constructor(private readonly limits: AuthFailureLimits) {}

  /** Counts one failure; returns when the key's block ends (epoch ms), or null if it is not blocked. */
  fail(key: string, now = Date.now()): number | null {
    const windowMs = this.limits.windowSeconds * 1000;
    if (now >= this.nextSweep) {
      for (const [k, w] of this.windows) if (now - w.start >= windowMs) this.windows.delete(k);
      this.nextSweep = now + windowMs;
    }
    let window = this.windows.get(key);
    if (!window || now - window.start >= windowMs) this.windows.set(key, (window = { start: now, count: 0 }));
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

  constructor(limits: AuthFailureLimits) {
    this.local = cluster.isWorker ? null : new FailureWindows(limits);
    if (cluster.isWorker) {
      process.on("message", (message: Message) => {
        if (message?.latchkey === "auth-block") this.blocked.set(message.key, message.until);
      });
    }
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
      if (until) this.blocked.set(key, until);
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
 * A client id as tried from one address. Never the client id alone: the id is public (it is
 * in every authorization URL), so anyone could lock the client out by failing in its name.
 */
export function clientAddressKey(clientId: string, address: string): string {
  return `client:${clientId.toLowerCase().slice(0, 100)} from ${addressKey(address).slice("address:".length)}`;
}

/**
 * IPv4 addresses count one by one; IPv6 addresses by their /64, the smallest block a
 * network hands out, or one attacker would have billions of addresses to fail from.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped || !address.includes(":")) return `address:${mapped ?? address}`;
  const [head = "", tail = ""] = address.toLowerCase().split("%")[0]!.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `address:${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
