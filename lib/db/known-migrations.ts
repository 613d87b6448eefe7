// The migrations this build knows, per database kind. The production server is one
// esbuild bundle (scripts/build-server.mjs) that defines __LATCHKEY_MIGRATIONS__ from the
// prisma/*/migrations folders at build time, so a deployed build knows its own list even
// when the folders beside it are another version's; under tsx and Vitest the folders are read.
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Database } from "./database-url";

declare const __LATCHKEY_MIGRATIONS__: Record<Database["kind"], string[]> | undefined;

/** Where each kind's migrations live (scripts/build-server.mjs reads the same two). */
export const MIGRATION_FOLDERS: Record<Database["kind"], string> = { sqlite: "prisma/migrations", postgres: "prisma/postgres/migrations" };

/** Migration folder names (each holds a migration.sql), in the order Prisma applies them. */
export function listMigrationFolders(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(`${folder}/${entry.name}/migration.sql`))
    .map((entry) => entry.name)
    .sort();
}

export function knownMigrations(kind: Database["kind"]): string[] {
  if (typeof __LATCHKEY_MIGRATIONS__ !== "undefined") return __LATCHKEY_MIGRATIONS__[kind];
  return listMigrationFolders(fileURLToPath(new URL(`../../${MIGRATION_FOLDERS[kind]}`, import.meta.url)));
}
