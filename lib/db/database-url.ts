// Which database Latchkey talks to. Shared by the app, the CLI, the tests and
// prisma.config.ts, so it must not import "server-only".
import { mkdirSync } from "node:fs";
import path from "node:path";

export type Database = { kind: "sqlite"; url: string } | { kind: "postgres"; url: string };

export const DEFAULT_SQLITE_FILE = "data/latchkey.db";

export function databaseFromEnv(env: NodeJS.ProcessEnv): Database {
  const url = env.DATABASE_URL?.trim();
  if (url && /^postgres(ql)?:\/\//.test(url)) return { kind: "postgres", url };
  const file = url ? url.replace(/^file:/, "") : DEFAULT_SQLITE_FILE;
  const absolute = path.resolve(file);
  mkdirSync(path.dirname(absolute), { recursive: true });
  return { kind: "sqlite", url: `file:${absolute}` };
}
