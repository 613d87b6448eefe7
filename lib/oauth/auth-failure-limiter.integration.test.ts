// The failed-authentication limits are counted in the database, so that several instances
// (here: two limiters, as two processes would hold) reach them exactly as one would.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import pg from "pg";
import { databaseKind } from "@/lib/db/database-url";
import { db } from "@/lib/db/prisma";
import { AuthFailureLimiter, deleteEndedAuthFailureCounts } from "./auth-failure-limiter";

const limits = { perClient: 4, perAddress: 6, windowSeconds: 60, alertPerClient: 50 };
let limiters: AuthFailureLimiter[] = [];
const limiter = (max?: number) => {
  const made = new AuthFailureLimiter(limits, db, max);
  limiters.push(made);
  return made;
};

beforeEach(async () => {
  await db.authFailureCount.deleteMany();
});
afterEach(() => {
  for (const made of limiters) made.close();
  limiters = [];
});

describe("AuthFailureLimiter across processes", () => {
  it("counts failures made at two processes as one count: the limit holds exactly, and the next failure at either is refused", async () => {
    const [a, b] = [limiter(), limiter()];
    const key = `client:${crypto.randomUUID()} from 192.0.2.1`;
    for (let i = 0; i < 3; i++) expect(await (i % 2 ? b : a).fail([key])).toBe(0);
    expect(a.retryAfter([key]) + b.retryAfter([key])).toBe(0);
    // The fourth failure (at b) reaches the limit: b blocks the key at once, a within its next read.
    expect(await b.fail([key])).toBe(0);
    expect(b.retryAfter([key])).toBeGreaterThan(55);
    expect(a.retryAfter([key])).toBe(0);
    // Before a has read the block, a fifth failure there finds the count over the limit.
    expect(await a.fail([key])).toBeGreaterThan(55);
    expect(a.retryAfter([key])).toBeGreaterThan(55);
    const row = await db.authFailureCount.findUniqueOrThrow({ where: { key: `auth-failures:${key}` } });
    expect(row.points).toBe(5);
  });

  it("takes up blocks another process reached when it reads them, by each key's own limit", async () => {
    const [a, b] = [limiter(), limiter()];
    const client = `client:${crypto.randomUUID()} from 192.0.2.2`;
    const address = "address:192.0.2.2";
    for (let i = 0; i < 4; i++) await a.fail([client, address]);
    expect(a.retryAfter([client])).toBeGreaterThan(0);
    // Four failures block the client id from that address (limit 4), not the address (limit 6).
    expect(a.retryAfter([address])).toBe(0);
    await b.readBlocks();
    expect(b.retryAfter([client])).toBeGreaterThan(55);
    expect(b.retryAfter([address])).toBe(0);
  });

  it("lets a key in again when its window ends, and the clean-up drops ended windows", async () => {
    const a = limiter();
    const key = "address:192.0.2.3";
    for (let i = 0; i < 6; i++) await a.fail([key]);
    const blockedUntil = Date.now() + 60_000;
    expect(a.retryAfter([key])).toBeGreaterThan(0);
    expect(a.retryAfter([key], blockedUntil + 1_000)).toBe(0);
    const b = limiter();
    await b.readBlocks(blockedUntil + 1_000);
    expect(b.retryAfter([key], blockedUntil + 1_000)).toBe(0);
    await deleteEndedAuthFailureCounts(db, blockedUntil + 1_000);
    expect(await db.authFailureCount.count()).toBe(0);
  });

  it("holds at most its cap of blocks however many keys reach their limits", async () => {
    const expire = new Date(Date.now() + 60_000);
    await db.authFailureCount.createMany({ data: Array.from({ length: 200 }, (_, i) => ({ key: `auth-failures:address:10.0.0.${i}`, points: 6, expire })) });
    const a = limiter(50);
    await a.readBlocks();
    expect(a.blockedCount).toBe(50);
  });

  // A PostgreSQL table locked by another session: the count's write waits, as on a database
  // that has stopped answering. (SQLite's writes run synchronously: nothing to wait on.)
  it.runIf(databaseKind(process.env) === "postgres")(
    "counts in memory when the database does not answer within a second, so a failure's answer never hangs",
    async () => {
      const a = limiter();
      const key = `client:${crypto.randomUUID()} from 192.0.2.4`;
      const locker = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await locker.connect();
      try {
        await locker.query('BEGIN; LOCK TABLE "AuthFailureCount" IN ACCESS EXCLUSIVE MODE');
        const started = performance.now();
        const results = await Promise.all(Array.from({ length: 4 }, () => a.fail([key])));
        expect(performance.now() - started).toBeLessThan(2_500);
        expect(results).toEqual([0, 0, 0, 0]);
        // Counted all the same: the fourth reached the limit.
        expect(a.retryAfter([key])).toBeGreaterThan(55);
      } finally {
        await locker.query("ROLLBACK");
        await locker.end();
      }
    },
  );
});
