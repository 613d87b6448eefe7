import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { pgDumpCommand, pgRestoreCommands, shellWord } from "./postgres-commands";

// What the shell hands the program: each word back, unchanged.
const words = (command: string) =>
  JSON.parse(execFileSync("sh", ["-c", `node -e 'console.log(JSON.stringify(process.argv.slice(1)))' -- ${command}`], { encoding: "utf8" }));

describe("the PostgreSQL backup commands", () => {
  it("name the URL's host, port, user and database in pg_dump's custom format, never its password", () => {
    const command = pgDumpCommand("postgresql://latchkey:s3cret@db.internal:6432/latchkey", "/backups/latchkey.dump");
    expect(command).toBe(
      "pg_dump --format=custom --no-owner --no-privileges --host=db.internal --port=6432 --username=latchkey --dbname=latchkey --file=/backups/latchkey.dump",
    );
    expect(command).not.toContain("s3cret");
  });

  it("pass libpq settings of the URL on in --dbname, drop Prisma's own, and default the port", () => {
    const command = pgDumpCommand("postgres://ops@db/latch?sslmode=verify-full&connection_limit=5", "out.dump");
    expect(command).toContain("--port=5432");
    expect(command).toContain("'--dbname=dbname=latch sslmode=verify-full'");
    expect(command).not.toContain("connection_limit");
  });

  it("restore with pg_restore all or nothing, into a database createdb makes", () => {
    const { createdb, restore } = pgRestoreCommands("postgresql://u@127.0.0.1:5432/latchkey_restored", "/backups/my dump");
    expect(createdb).toBe("createdb --host=127.0.0.1 --port=5432 --username=u latchkey_restored");
    expect(restore).toBe(
      "pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --host=127.0.0.1 --port=5432 --username=u --dbname=latchkey_restored '/backups/my dump'",
    );
  });

  it("quote every word so the shell reads it back as it was", () => {
    const odd = ["plain", "with space", "it's", "$(touch /tmp/x)", 'a"b', "back\\slash", ""];
    expect(words(odd.map(shellWord).join(" "))).toEqual(odd);
  });
});
