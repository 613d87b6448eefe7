// A database of a test's own, apart from the project's shared one, built with the project's
// migrations (as `npm run db:migrate` builds one): for tests that change what every other
// test relies on (the migrations table) or that need a second installation.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { databaseKind, type Database } from "@/lib/db/database-url";
import { createDb, type Db } from "@/lib/db/prisma";
import { resetTestDatabase, testDatabaseName } from "./reset-test-database";

export type ScratchDatabase = Database & { client: Db; drop(): Promise<void> };

/** The same kind as the project's database; PostgreSQL's is named after the project's, with `label`. */
export function scratchDatabaseUrl(label: string): { url: string; dir?: string } {
  const projectUrl = process.env.DATABASE_URL!;
  if (databaseKind(process.env) === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), `latchkey-${label}-`));
    return { url: `file:${path.join(dir, "latchkey.db")}`, dir };
  }
  const url = new URL(projectUrl);
  url.pathname = `/${testDatabaseName(projectUrl).replace(/_?test$/i, "")}_${label}_test`;
  return { url: url.toString() };
}

export async function createScratchDatabase(label: string, options: { migrated?: boolean } = {}): Promise<ScratchDatabase> {
  const { url, dir } = scratchDatabaseUrl(label);
  const kind = kindOf(url);
  if (options.migrated === false) await emptyDatabase(url);
  else await resetTestDatabase(url);
  const client = createDb({ kind, url });
  return {
    kind,
    url,
    client,
    async drop() {
      await client.$disconnect();
      if (dir) rmSync(dir, { recursive: true, force: true });
      else await dropPostgres(url);
    },
  };
}

const kindOf = (url: string) => databaseKind({ ...process.env, DATABASE_URL: url });

async function emptyDatabase(url: string) {
  if (kindOf(url) === "sqlite") return;
  await withMaintenance(url, async (client, name) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  });
}

async function dropPostgres(url: string) {
  await withMaintenance(url, (client, name) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

async function withMaintenance<T>(url: string, run: (client: pg.Client, name: string) => Promise<T>): Promise<T> {
  const name = testDatabaseName(url);
  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    return await run(client, name);
  } finally {
    await client.end();
  }
}
