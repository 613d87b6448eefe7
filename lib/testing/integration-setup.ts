// Runs before every integration test file (setupFiles of the sqlite and postgres projects).
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { databaseFromEnv } from "@/lib/db/database-url";
import { db } from "@/lib/db/prisma";
import { testDatabaseName } from "./reset-test-database";

// The test database outlives each file's temporary data directories, so the signing keys in
// it are encrypted under one fixed key-encryption key (32 bytes, base64url), as several
// instances share one in production. Tests of the data directory's own key unset it.
export const TEST_KEY_ENCRYPTION_KEY = "dGVzdC1vbmx5LWtleS1lbmNyeXB0aW9uLWtleS0zMmI";
process.env.LATCHKEY_KEY_ENCRYPTION_KEY ??= TEST_KEY_ENCRYPTION_KEY;

beforeAll(async () => {
  // lib/db/prisma.ts keeps its client on globalThis; prove this file's client talks to the
  // database its project prepared, so a "passing" postgres run really ran on PostgreSQL.
  const expected = databaseFromEnv(process.env);
  if (expected.kind === "postgres") {
    const rows = await db.$queryRawUnsafe<{ name: string }[]>("SELECT current_database()::text AS name");
    if (rows[0]?.name !== testDatabaseName(expected.url)) throw new Error(`Connected to ${rows[0]?.name}, expected ${expected.url}`);
  } else {
    const rows = await db.$queryRawUnsafe<{ file: string }[]>("SELECT file FROM pragma_database_list WHERE name = 'main'");
    const file = expected.url.replace(/^file:/, "");
    if (path.resolve(rows[0]?.file ?? "") !== file) throw new Error(`Connected to ${rows[0]?.file}, expected ${file}`);
  }
});

afterAll(async () => {
  await db.$disconnect();
});
