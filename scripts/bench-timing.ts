// `npm run bench:timing`: whether the token endpoint's timing tells an unknown client id
// from a known one with a wrong secret. An in-process token service (the one the
// integration tests use, lib/testing/start-token-service.ts) on its own database; no build,
// nothing of the installation (.next, data/latchkey.db) is touched. Requests go one at a
// time, interleaved in random order, so both kinds see the same machine; it prints each
// kind's median and p99 and the differences of the medians (target: at most 5 %). Kinds: a
// wrong secret (warm and with the client cache cold), unknown ids, a secret sent for a
// signed-JWT client (method mismatch), a client assertion signed by the wrong key, and one
// for an unknown id. Every failure is answered no sooner than LATCHKEY_AUTH_FAILURE_MIN_MS
// after its request began; BENCH_FLOOR_MS overrides it (1 shows the paths' own costs,
// from which the default was chosen). A benchmark, not a test: it fails only if it cannot
// run or an answer is not the expected 401.
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

const KINDS = [
  "wrong secret",
  "wrong secret, cache cold",
  "unknown id, new each time",
  "unknown id, seen before",
  "secret for a signed-JWT client",
  "assertion, wrong key",
  "assertion, unknown id",
] as const;
type Kind = (typeof KINDS)[number];
const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

async function main() {
  process.env.DATABASE_URL = DATABASE_URL;
  await resetTestDatabase(DATABASE_URL);
  // After DATABASE_URL is set: the database client reads it when first imported.
  const { createTestTenant, clientInput } = await import("@/lib/testing/fixtures");
  const { createClient } = await import("@/lib/clients/create-client");
  const { startTokenService } = await import("@/lib/testing/start-token-service");
  const { postToken } = await import("@/lib/testing/post-token");
  const { clearClientCache } = await import("@/lib/oauth/client-cache");
  const { exportJWK, generateKeyPair, SignJWT } = await import("jose");

  // No limits in the way: every request must reach client authentication.
  const service = await startTokenService({
    LATCHKEY_AUTH_FAILURES_PER_CLIENT: "100000000",
    LATCHKEY_AUTH_FAILURES_PER_ADDRESS: "100000000",
    // The server's default floor unless BENCH_FLOOR_MS says otherwise.
    LATCHKEY_AUTH_FAILURE_MIN_MS: process.env.BENCH_FLOOR_MS,
  });
  try {
    const tenant = await createTestTenant("timing");
    const client = await createClient(tenant.admin, clientInput());
    const registered = await generateKeyPair("ES256", { extractable: true });
    const other = await generateKeyPair("ES256");
    const jwtClient = await createClient(tenant.admin, {
      type: "client-credentials",
      name: "Timing device",
      securityType: "signed-jwt",
      publicKey: { key: JSON.stringify({ ...(await exportJWK(registered.publicKey)), kid: "k1" }), description: "bench" },
    });
    const seenUnknown = crypto.randomUUID();
    const secret = "lk_wrong-secret-of-the-usual-length-000000000";
    const assertion = (id: string) =>
      new SignJWT({ jti: crypto.randomUUID() })
        .setProtectedHeader({ alg: "ES256", kid: "k1" })
        .setIssuer(id)
        .setSubject(id)
        .setAudience(`${service.issuer}/token`)
        .setIssuedAt()
        .setExpirationTime("1m")
        .sign(other.privateKey);
    const request = async (kind: Kind, signed: { id: string; jwt: string } | undefined) => {
      const form = { grant_type: "client_credentials" };
      switch (kind) {
        case "wrong secret":
          return postToken(service.issuer, form, { basic: { clientId: client.clientId, secret } });
        case "wrong secret, cache cold":
          clearClientCache();
          return postToken(service.issuer, form, { basic: { clientId: client.clientId, secret } });
        case "unknown id, new each time":
          return postToken(service.issuer, form, { basic: { clientId: crypto.randomUUID(), secret } });
        case "unknown id, seen before":
          return postToken(service.issuer, form, { basic: { clientId: seenUnknown, secret } });
        case "secret for a signed-JWT client":
          return postToken(service.issuer, form, { basic: { clientId: jwtClient.clientId, secret } });
        case "assertion, wrong key":
        case "assertion, unknown id":
          return postToken(service.issuer, { ...form, client_id: signed!.id, client_assertion_type: ASSERTION_TYPE, client_assertion: signed!.jwt });
      }
    };
    const once = async (kind: Kind) => {
      // The assertion is signed before the clock starts: the client's work, not the server's.
      const id = kind === "assertion, wrong key" ? jwtClient.clientId : crypto.randomUUID();
      const signed = kind.startsWith("assertion") ? { id, jwt: await assertion(id) } : undefined;
      const started = performance.now();
      const answer = await request(kind, signed);
      const ms = performance.now() - started;
      if (answer.status !== 401 || answer.body.error !== "invalid_client")
        throw new Error(`${kind}: expected 401 invalid_client, got ${answer.status} ${JSON.stringify(answer.body)}`);
      return ms;
    };
    const kinds: Kind[] = [...KINDS];
    const samples = new Map<Kind, number[]>(kinds.map((kind) => [kind, []]));
    for (let round = 0; round < WARM_UP + REQUESTS; round++) {
      for (const kind of shuffled(kinds)) {
        const ms = await once(kind);
        if (round >= WARM_UP) samples.get(kind)!.push(ms);
      }
    }

    const medians = new Map(kinds.map((kind) => [kind, median(samples.get(kind)!)]));
    const p99s = new Map(kinds.map((kind) => [kind, quantile(samples.get(kind)!, 0.99)]));
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
        `  ${kind.padEnd(32)} median ${value.toFixed(3)} ms  p99 ${p99s.get(kind)!.toFixed(3)} ms${kind === "wrong secret" ? "" : `  (${percent >= 0 ? "+" : ""}${percent.toFixed(1)} % vs wrong secret)`}`,
      );
    }
    console.log(
      worst <= TARGET_PERCENT
        ? `target met: largest difference ${worst.toFixed(1)} % ≤ ${TARGET_PERCENT} %`
        : `TARGET MISSED: largest difference ${worst.toFixed(1)} % > ${TARGET_PERCENT} %`,
    );
    console.log(
      JSON.stringify({
        requests: REQUESTS,
        floorMs: service.config.authFailureMinMs,
        medianMs: Object.fromEntries(medians),
        p99Ms: Object.fromEntries(p99s),
        largestDifferencePercent: Number(worst.toFixed(2)),
      }),
    );
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

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
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
