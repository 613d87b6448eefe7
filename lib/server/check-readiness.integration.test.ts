import { describe, expect, it } from "vitest";
import { databaseKind } from "@/lib/db/database-url";
import { readMigrationStatus } from "@/lib/db/migration-status";
import { db } from "@/lib/db/prisma";
import { checkReadiness } from "./check-readiness";

const migrations = () => readMigrationStatus({ client: db, kind: databaseKind(process.env) });
const serving = { stopping: false, listening: true, hasSigningKey: () => true, migrations };

describe("readiness", () => {
  it("is ready when the database answers with this build's migrations applied and a signing key is loaded", async () => {
    expect(await checkReadiness(serving)).toEqual({ ready: true });
  });

  it("says why not: starting, shutting down, no signing key", async () => {
    expect(await checkReadiness({ ...serving, listening: false })).toEqual({ ready: false, reason: "starting" });
    expect(await checkReadiness({ ...serving, stopping: true })).toEqual({ ready: false, reason: "shutting down" });
    expect(await checkReadiness({ ...serving, hasSigningKey: () => false })).toEqual({ ready: false, reason: "no signing key is loaded" });
  });
});
