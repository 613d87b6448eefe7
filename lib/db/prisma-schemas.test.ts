import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// The PostgreSQL schema is generated from the SQLite one; a hand edit (or forgetting to
// regenerate after a model change) would make the two databases diverge silently.
describe("prisma/postgres/schema.prisma", () => {
  it("is exactly what scripts/generate-prisma.mjs makes from prisma/schema.prisma", async () => {
    // A path in a variable: the .mjs script has no type declarations to import statically.
    const script = new URL("../../scripts/generate-prisma.mjs", import.meta.url).pathname;
    const { postgresSchemaFrom } = (await import(/* @vite-ignore */ script)) as { postgresSchemaFrom: (schema: string) => string };
    const sqlite = readFileSync("prisma/schema.prisma", "utf8");
    const postgres = readFileSync("prisma/postgres/schema.prisma", "utf8");
    expect(postgres).toBe(postgresSchemaFrom(sqlite));
  });

  it("differs from the SQLite schema only in provider, placeholder url and output", async () => {
    const postgres = readFileSync("prisma/postgres/schema.prisma", "utf8");
    expect(postgres).toContain('provider = "postgresql"');
    expect(postgres).not.toContain('provider = "sqlite"');
    expect(postgres).toContain('output       = "../../lib/db/generated/postgres"');
  });
});
