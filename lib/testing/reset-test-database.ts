// Empties a test database and builds it with the project's own migrations (the same
// command as `npm run db:migrate`), so suites test the schema a deployment gets. Shared by
// the Vitest global setups and the Playwright server start.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "<unparseable URL>";
  }
}

/**
 * The database's name, after the guards that keep a mistyped URL from wiping a real
 * database: only this machine, and only a database whose name says it is for tests.
 */
export function testDatabaseName(url: string): string {
  const parsed = new URL(url);
  if (!LOCAL_HOSTS.has(parsed.hostname.toLowerCase())) {
    throw new Error(`Refusing to reset ${redact(url)}: test databases must be on 127.0.0.1, localhost or ::1`);
  }
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  // Interpolated into CREATE DATABASE, which cannot take a bind parameter.
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new Error(`Unsupported test database name "${name}"`);
  if (!/test/i.test(name)) throw new Error(`Refusing to reset database "${name}": a test database's name must contain "test"`);
  return name;
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function emptyPostgres(url: string): Promise<void> {
  const name = testDatabaseName(url);
  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  try {
    await withClient(maintenance.toString(), async (client) => {
      const existing = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      if (existing.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`PostgreSQL at ${redact(url)} could not be prepared for tests: ${reason}`, { cause: error });
  }
  await withClient(url, (client) => client.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;"));
}

export async function resetTestDatabase(databaseUrl: string): Promise<void> {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    await emptyPostgres(databaseUrl);
  } else {
    const file = databaseUrl.replace(/^file:/, "");
    for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
  }
  const bin = path.resolve("node_modules/.bin");
  try {
    execFileSync(process.execPath, ["scripts/prisma-offline.mjs", "migrate", "deploy"], {
      encoding: "utf8",
      stdio: "pipe",
      // prisma-offline.mjs runs `prisma` by name; a runner may start without node_modules/.bin on PATH.
      env: { ...process.env, DATABASE_URL: databaseUrl, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}` },
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`prisma migrate deploy failed:\n${stdout ?? ""}\n${stderr ?? ""}`, { cause: error });
  }
}
