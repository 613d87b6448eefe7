import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkpointsElsewhere, startSqliteCheckpoints } from "./sqlite-checkpoints";

const folders: string[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A database whose writer never checkpoints, as a cluster worker's; what it wrote stays in the WAL. */
function workerLikeWriter(file: string): Database.Database {
  const writer = new Database(file);
  writer.pragma("journal_mode = WAL");
  writer.pragma("wal_autocheckpoint = 0");
  writer.exec("CREATE TABLE t (v TEXT)");
  const insert = writer.prepare("INSERT INTO t (v) VALUES (?)");
  writer.transaction(() => {
    for (let i = 0; i < 2_000; i++) insert.run("x".repeat(1_000));
  })();
  return writer;
}

describe("the primary's SQLite checkpoints", () => {
  it("copy what the workers wrote into the database file every second, and only from the primary", () => {
    vi.useFakeTimers();
    const folder = mkdtempSync(path.join(os.tmpdir(), "latchkey-checkpoints-"));
    folders.push(folder);
    const file = path.join(folder, "latchkey.db");
    // Started before the file exists, as the primary is before the first worker migrates it.
    const stop = startSqliteCheckpoints(file);
    vi.advanceTimersByTime(1_000);
    const writer = workerLikeWriter(file);
    const before = statSync(file).size;
    try {
      expect(statSync(`${file}-wal`).size).toBeGreaterThan(2_000_000);
      vi.advanceTimersByTime(1_000);
      expect(before).toBeLessThan(100_000);
      expect(statSync(file).size).toBeGreaterThan(2_000_000);
      expect(writer.prepare("SELECT count(*) AS n FROM t").get()).toEqual({ n: 2_000 });
    } finally {
      stop();
      writer.close();
    }
    // This process is no cluster worker: its connections checkpoint for themselves.
    expect(checkpointsElsewhere()).toBe(false);
  });
});
