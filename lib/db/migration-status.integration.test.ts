// The build against the database's migrations, on the project's own database and on scratch
// ones whose _prisma_migrations table is changed as a newer build's `npm run db:migrate`
// would change it. The refusal is proven on the real server process (lone and clustered).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkReadiness } from "@/lib/server/check-readiness";
import { runServerUntilExit } from "@/lib/testing/run-server-until-exit";
import { createScratchDatabase, type ScratchDatabase } from "@/lib/testing/scratch-database";
import { databaseKind } from "./database-url";
import { knownMigrations } from "./known-migrations";
import { assertBuildKnowsDatabase, cachedMigrationStatus, EXIT_CONFIG, readMigrationStatus } from "./migration-status";
import { db } from "./prisma";

const kind = databaseKind(process.env);
const known = knownMigrations(kind);
const NEWER = "20991231000000_from_a_newer_build";

function markApplied(database: ScratchDatabase, name: string, finished = true) {
  return database.client.$executeRawUnsafe(
    `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ('${randomUUID()}', 'test', ${finished ? "CURRENT_TIMESTAMP" : "NULL"}, '${name}', 1)`,
  );
}

let scratch: ScratchDatabase;
beforeAll(async () => {
  scratch = await createScratchDatabase("migrations");
});
afterAll(async () => {
  await scratch?.drop();
});

describe("the migrations this build knows", () => {
  it("are the prisma folder's, and all of them are applied to a database `npm run db:migrate` built", async () => {
    expect(known.length).toBeGreaterThan(5);
    expect(known).toContain("20261122000000_init");
    const status = await readMigrationStatus({ client: db, kind });
    expect(status).toEqual({ applied: known, pending: [], unknown: [] });
    expect(() => assertBuildKnowsDatabase(status)).not.toThrow();
  });

  it("are all pending on a database nothing migrated yet", async () => {
    const empty = await createScratchDatabase("unmigrated", { migrated: false });
    try {
      expect(await readMigrationStatus({ client: empty.client, kind })).toEqual({ applied: [], pending: known, unknown: [] });
    } finally {
      await empty.drop();
    }
  });
});

describe("a database older than the build", () => {
  it("makes /readyz say which migrations are pending, and ready once they are applied, without a restart", async () => {
    // A newer build: one migration more than this checkout has.
    const newerBuild = [...known, NEWER];
    const state = {
      stopping: false,
      listening: true,
      hasSigningKey: () => true,
      migrations: cachedMigrationStatus(() => readMigrationStatus({ client: scratch.client, kind, known: newerBuild }), 300),
    };
    expect(await checkReadiness(state)).toEqual({ ready: false, reason: `database migrations pending: ${NEWER}; run npm run db:migrate` });
    // Started, not finished (db:migrate running now, or failed): still pending.
    await markApplied(scratch, NEWER, false);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await checkReadiness(state)).ready).toBe(false);
    await markApplied(scratch, NEWER);
    // Cached for a moment, then read again.
    expect((await checkReadiness(state)).ready).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await checkReadiness(state)).toEqual({ ready: true });
  });
});

describe("a database newer than the build", () => {
  // As the test above leaves it (also when it is run alone): a newer build's migration applied.
  beforeAll(async () => {
    if (!(await readMigrationStatus({ client: scratch.client, kind })).applied.includes(NEWER)) await markApplied(scratch, NEWER);
  });

  it("is refused in one line naming the migrations, with exit code 78", async () => {
    const status = await readMigrationStatus({ client: scratch.client, kind });
    expect(status).toEqual({ applied: [...known, NEWER], pending: [], unknown: [NEWER] });
    expect(() => assertBuildKnowsDatabase(status)).toThrow(
      `the database has migrations this build does not know (${NEWER}): it was upgraded by a newer Latchkey; run that version, or restore the backup taken before the upgrade`,
    );
  });

  // Each start loads Next.js's server module; the refusal comes before anything listens.
  it("stops the real server before it listens, a lone process and a cluster's primary alike (not restarted in a loop)", { timeout: 120_000 }, async () => {
    for (const workers of ["1", "2"]) {
      const started = await runServerUntilExit({ DATABASE_URL: scratch.url, LATCHKEY_WORKERS: workers });
      expect(started.code, started.stderr).toBe(EXIT_CONFIG);
      const lines = started.stderr.trim().split("\n");
      // One line per server process that reached the check, all the same line.
      expect(new Set(lines)).toEqual(
        new Set([
          `latchkey: the database has migrations this build does not know (${NEWER}): it was upgraded by a newer Latchkey; run that version, or restore the backup taken before the upgrade`,
        ]),
      );
      expect(lines.length).toBeLessThanOrEqual(Number(workers));
      expect(started.stdout).not.toMatch(/Latchkey .*on http/);
    }
  });
});
