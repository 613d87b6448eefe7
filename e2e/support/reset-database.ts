import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import pg from "pg";

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/**
 * Empties a test database and applies every migration. Refuses anything but a local
 * PostgreSQL, so a mistyped URL can never wipe a real database.
 */
export async function resetDatabase(databaseUrl: string): Promise<void> {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const url = new URL(databaseUrl);
    if (!LOCAL_HOSTS.has(url.hostname)) throw new Error(`refusing to reset non-local database host ${url.hostname}`);
    const database = url.pathname.slice(1);
    const admin = new pg.Client({ connectionString: Object.assign(new URL(databaseUrl), { pathname: "/postgres" }).toString() });
    await admin.connect();
    const exists = await admin.query("select 1 from pg_database where datname = $1", [database]);
    if (exists.rowCount === 0) await admin.query(`create database "${database.replace(/"/g, "")}"`);
    await admin.end();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query("drop schema if exists public cascade; create schema public;");
    await client.end();
  } else {
    const file = databaseUrl.replace(/^file:/, "");
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  }
  execFileSync("node", ["scripts/prisma-offline.mjs", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: "pipe",
  });
}
