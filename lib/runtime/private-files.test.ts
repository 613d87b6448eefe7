// The data directory and the SQLite files are the owner's alone, also when an earlier
// version (or a umask of 022) made them readable by everyone.
import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { serverConfig } from "@/lib/config";
import { databaseFromEnv } from "@/lib/db/database-url";
import { prepareEnvironment } from "@/lib/server/prepare-environment";
import { captureOutput } from "@/lib/testing/capture-output";

const modeOf = (file: string) => statSync(file).mode & 0o777;

describe("file modes", () => {
  it("make a new SQLite database 0600 in a 0700 directory, and SQLite's -wal and -shm files follow", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "latchkey-modes-")), "data", "latchkey.db");
    const previous = process.umask(0o022);
    try {
      expect(databaseFromEnv({ ...process.env, DATABASE_URL: `file:${file}` })).toEqual({ kind: "sqlite", url: `file:${file}` });
      expect(modeOf(path.dirname(file))).toBe(0o700);
      expect(modeOf(file)).toBe(0o600);
      const sqlite = new Database(file);
      sqlite.pragma("journal_mode = WAL");
      sqlite.exec("CREATE TABLE t (x); INSERT INTO t VALUES (1)");
      expect(modeOf(`${file}-wal`)).toBe(0o600);
      expect(modeOf(`${file}-shm`)).toBe(0o600);
      sqlite.close();
    } finally {
      process.umask(previous);
    }
  });

  it("tighten an existing database, its -wal and -shm files and its directory", () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "latchkey-modes-")), "data");
    mkdirSync(dir, { mode: 0o755 });
    const file = path.join(dir, "latchkey.db");
    for (const name of [file, `${file}-wal`, `${file}-shm`]) writeFileSync(name, "", { mode: 0o644 });
    chmodSync(dir, 0o755);
    databaseFromEnv({ ...process.env, DATABASE_URL: `file:${file}`, LATCHKEY_DATA_DIR: dir });
    expect([dir, file, `${file}-wal`, `${file}-shm`].map(modeOf)).toEqual([0o700, 0o600, 0o600, 0o600]);
  });

  it("leave a directory Latchkey did not make, and that is not the data directory, as it is, and warn once", () => {
    const parent = mkdtempSync(path.join(tmpdir(), "latchkey-modes-"));
    chmodSync(parent, 0o755);
    const file = path.join(parent, "latchkey.db");
    const output = captureOutput();
    let warnings: string[];
    try {
      databaseFromEnv({ ...process.env, DATABASE_URL: `file:${file}` });
      databaseFromEnv({ ...process.env, DATABASE_URL: `file:${file}` });
      warnings = output.text().split("\n");
    } finally {
      output.stop();
    }
    expect(modeOf(parent)).toBe(0o755);
    expect(modeOf(file)).toBe(0o600);
    expect(warnings.filter((message) => message.includes(`${parent}, which holds the SQLite database, is open to other users`))).toHaveLength(1);
  });

  it("make the data directory and its keys directory 0700 and the files in it 0600 on start", () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "latchkey-modes-")), "data");
    mkdirSync(path.join(dataDir, "keys"), { recursive: true, mode: 0o755 });
    chmodSync(dataDir, 0o755);
    writeFileSync(path.join(dataDir, "keys", "key-encryption-key"), "x", { mode: 0o644 });
    const secret = process.env.NEXTAUTH_SECRET;
    try {
      delete process.env.NEXTAUTH_SECRET;
      prepareEnvironment(serverConfig({ ...process.env, LATCHKEY_DATA_DIR: dataDir }));
    } finally {
      if (secret === undefined) delete process.env.NEXTAUTH_SECRET;
      else process.env.NEXTAUTH_SECRET = secret;
    }
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(path.join(dataDir, "keys"))).toBe(0o700);
    expect(modeOf(path.join(dataDir, "keys", "key-encryption-key"))).toBe(0o600);
    expect(modeOf(path.join(dataDir, "keys", "session-secret"))).toBe(0o600);
  });
});
