// `npm run bench:timing`: whether the token endpoint's timing tells an unknown client id
// from a known one with a wrong secret. An in-process token service (the one the
// integration tests use, lib/testing/start-token-service.ts) on its own database; no build,
// nothing of the installation (.next, data/latchkey.db) is touched. Requests go one at a
// time, interleaved in random order, so both kinds see the same machine; it prints each
// kind's median and the differences (target: at most 5 %). A benchmark, not a test: it
// fails only if it cannot run or an answer is not the expected 401.
//
// SQLite (data/bench-timing.db) unless DATABASE_URL is a postgres:// URL of a local test
// database, which is then wiped and used. BENCH_REQUESTS: requests of each kind (default 600).
import path from "node:path";
import { redact, resetTestDatabase } from "@/lib/testing/reset-test-database";

const SQLITE_URL = `file:${path.resolve("data/bench-timing.db")}`;
const DATABASE_URL = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "") ? process.env.DATABASE_URL! : SQLITE_URL;
const REQUESTS = Math.max(500, Number(process.env.BENCH_REQUESTS ?? 600));
const WARM_UP = 100;
const TARGET_PERCENT = 5;

type Kind = "wrong secret" | "unknown id, new each time" | "unknown id, seen before";

async function main() {
  process.env.DATABASE_URL = DATABASE_URL;
  await resetTestDatabase(DATABASE_URL);
  // After DATABASE_URL is set: the database client reads it when first imported.
  const { createTestTenant, clientInput } = await import("@/lib/testing/fixtures");
  const { createClient } = await import("@/lib/clients/create-client");
  const { startTokenService } = await import("@/lib/testing/start-token-service");
  const { postToken } = await import("@/lib/testing/post-token");

  // No limits in the way: every request must reach client authentication.
  const service = await startTokenService({ LATCHKEY_AUTH_FAILURES_PER_CLIENT: "100000000", LATCHKEY_AUTH_FAILURES_PER_ADDRESS: "100000000" });
  try {
    const tenant = await createTestTenant("timing");
    const client = await createClient(tenant.admin, clientInput());
    const seenUnknown = crypto.randomUUID();
    const idFor = (kind: Kind) => (kind === "wrong secret" ? client.clientId : kind === "unknown id, seen before" ? seenUnknown : crypto.randomUUID());
    const once = async (kind: Kind) => {
      const started = performance.now();
      const answer = await postToken(
        service.issuer,
        { grant_type: "client_credentials" },
        { basic: { clientId: idFor(kind), secret: "lk_wrong-secret-of-the-usual-length-000000000" } },
      );
      const ms = performance.now() - started;
      if (answer.status !== 401 || answer.body.error !== "invalid_client")
        throw new Error(`${kind}: expected 401 invalid_client, got ${answer.status} ${JSON.stringify(answer.body)}`);
      return ms;
    };
    const kinds: Kind[] = ["wrong secret", "unknown id, new each time", "unknown id, seen before"];
    const samples = new Map<Kind, number[]>(kinds.map((kind) => [kind, []]));
    for (let round = 0; round < WARM_UP + REQUESTS; round++) {
      for (const kind of shuffled(kinds)) {
        const ms = await once(kind);
        if (round >= WARM_UP) samples.get(kind)!.push(ms);
      }
    }

    const medians = new Map(kinds.map((kind) => [kind, median(samples.get(kind)!)]));
    const reference = medians.get("wrong secret")!;
    console.log(
      `bench:timing on ${DATABASE_URL === SQLITE_URL ? "SQLite" : redact(DATABASE_URL)}: ${REQUESTS} interleaved requests of each kind (after ${WARM_UP} of warm-up)`,
    );
    let worst = 0;
    for (const kind of kinds) {
      const value = medians.get(kind)!;
      const percent = ((value - reference) / reference) * 100;
      if (kind !== "wrong secret") worst = Math.max(worst, Math.abs(percent));
      console.log(
        `  ${kind.padEnd(26)} median ${value.toFixed(3)} ms${kind === "wrong secret" ? "" : `  (${percent >= 0 ? "+" : ""}${percent.toFixed(1)} % vs wrong secret)`}`,
      );
    }
    console.log(
      worst <= TARGET_PERCENT
        ? `target met: largest difference ${worst.toFixed(1)} % ≤ ${TARGET_PERCENT} %`
        : `TARGET MISSED: largest difference ${worst.toFixed(1)} % > ${TARGET_PERCENT} %`,
    );
    console.log(JSON.stringify({ requests: REQUESTS, medianMs: Object.fromEntries(medians), largestDifferencePercent: Number(worst.toFixed(2)) }));
  } finally {
    await service.close();
  }
}

function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error("bench:timing failed:", error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
