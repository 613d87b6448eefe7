// Writes prisma/postgres/schema.prisma from prisma/schema.prisma (one model, two
// providers) and generates both Prisma clients. Runs on postinstall.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { runPrisma } from "./prisma-offline.mjs";

export function postgresSchemaFrom(sqliteSchema) {
  const header = "// GENERATED from prisma/schema.prisma by scripts/generate-prisma.mjs. Do not edit.\n";
  return (
    header +
    sqliteSchema
      .replace('provider = "sqlite"', 'provider = "postgresql"')
      .replace('url      = "file:../data/latchkey.db"', 'url      = "postgresql://localhost/latchkey"')
      .replace('output       = "../lib/db/generated/sqlite"', 'output       = "../../lib/db/generated/postgres"')
  );
}

export function generatePrismaClients() {
  mkdirSync("prisma/postgres", { recursive: true });
  writeFileSync("prisma/postgres/schema.prisma", postgresSchemaFrom(readFileSync("prisma/schema.prisma", "utf8")));
  for (const schema of ["prisma/schema.prisma", "prisma/postgres/schema.prisma"]) runPrisma(["generate", "--schema", schema]);
}

if (import.meta.url === `file://${process.argv[1]}`) generatePrismaClients();
