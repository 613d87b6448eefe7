// Prisma CLI configuration. The JavaScript schema engine with driver adapters works
// offline (Prisma's native engines would be downloaded from its CDN, which these
// networks cannot reach). DATABASE_URL picks PostgreSQL; anything else is SQLite.
import { defineConfig } from "prisma/config";
import { databaseFromEnv } from "./lib/db/database-url";

const database = databaseFromEnv(process.env);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: database.kind === "postgres" ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma",
  migrations: {
    path: database.kind === "postgres" ? "prisma/postgres/migrations" : "prisma/migrations",
  },
  async adapter() {
    if (database.kind === "postgres") {
      const { migrationAdapter } = await import("./lib/db/postgres-migration-adapter");
      return migrationAdapter(database.url);
    }
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSQLite3({ url: database.url });
  },
});
