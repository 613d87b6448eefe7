// Runs before the end-to-end server starts (see playwright.config.ts): a fresh data
// directory (new signing keys, session secret and server log) and a fresh database.
import { mkdirSync, rmSync } from "node:fs";
import { E2E_DATA_DIR, e2eDatabaseUrl } from "./e2e-env";
import { resetTestDatabase } from "@/lib/testing/reset-test-database";

rmSync(E2E_DATA_DIR, { recursive: true, force: true });
mkdirSync(E2E_DATA_DIR, { recursive: true });
await resetTestDatabase(e2eDatabaseUrl());
