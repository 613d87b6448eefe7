// Three projects: `unit` (no database), and the same integration files run against a fresh
// SQLite file (`sqlite`) and a local PostgreSQL database (`postgres`), because the domain
// code is written once for both. Run one with `vitest run --project <name>`; scripts/test.sh
// decides whether PostgreSQL is there to run (and fails in CI when it is not).
// Self-contained on purpose: Vite's config loader wants no extensionless relative imports.
import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
const INTEGRATION = "lib/**/*.integration.test.ts";
// Both overridable so parallel runs in one checkout keep apart.
const SQLITE_URL = `file:${process.env.LATCHKEY_TEST_SQLITE_FILE?.trim() || `${root}data/test-integration.db`}`;
const POSTGRES_URL = process.env.LATCHKEY_TEST_POSTGRES_URL?.trim() || "postgresql://postgres@127.0.0.1:5432/latchkey_test";

// Integration files share one database per project: run them one at a time. Tests keep
// apart by creating their own tenants with random slugs.
const integration = {
  include: [INTEGRATION],
  setupFiles: ["lib/testing/integration-setup.ts"],
  globalSetup: ["lib/testing/database-global-setup.ts"],
  fileParallelism: false,
  testTimeout: 20_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  resolve: {
    alias: [
      // Next's bundler gives `server-only` meaning; under Node it is an empty module, as
      // tsconfig.node.json maps it for tsx.
      { find: /^server-only$/, replacement: `${root}lib/runtime/server-only-node.ts` },
      { find: /^@\//, replacement: root },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts"],
          exclude: [...configDefaults.exclude, INTEGRATION],
          // Unit tests have no database; without this a stray query would land in the
          // developer's data/latchkey.db (the default) instead of failing.
          env: { DATABASE_URL: "postgresql://unit-tests-have-no-database.invalid/none" },
        },
      },
      { extends: true, test: { ...integration, name: "sqlite", env: { DATABASE_URL: SQLITE_URL } } },
      { extends: true, test: { ...integration, name: "postgres", env: { DATABASE_URL: POSTGRES_URL } } },
    ],
  },
});
