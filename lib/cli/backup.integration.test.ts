// Backup and restore as an operator runs them: the CLI as a real process against a running
// installation (the token service in its own process, issuing tokens all along), the copy
// restored into another database, and a token service on that one. On SQLite the CLI does
// both; on PostgreSQL it prints the pg_dump and pg_restore commands, which are run as printed.
import { execFile, type ExecFileOptions } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { allowInsecureRequests, ClientSecretBasic, clientCredentialsGrant, discovery } from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type CreatedConfidentialClient } from "@/lib/clients/create-client";
import { databaseKind, sqliteFilePath } from "@/lib/db/database-url";
import { parseKeyEncryptionKey } from "@/lib/oauth/key-encryption";
import { holdSqliteInstanceLock } from "@/lib/server/sqlite-instance-lock";
import { clientInput, createTestTenant } from "@/lib/testing/fixtures";
import { TEST_KEY_ENCRYPTION_KEY } from "@/lib/testing/integration-setup";
import { postToken } from "@/lib/testing/post-token";
import { createScratchDatabase, type ScratchDatabase } from "@/lib/testing/scratch-database";
import { startTokenServiceProcess, type TokenServiceProcess } from "@/lib/testing/token-service-process";

const run = promisify(execFile);
const kind = databaseKind(process.env);
const directories: string[] = [];
/** A private (0700) directory of this file's, removed after it. */
function temporaryDirectory(label: string): string {
  const made = mkdtempSync(path.join(tmpdir(), `latchkey-${label}-`));
  directories.push(made);
  return made;
}
const dir = temporaryDirectory("backup");

async function cli(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const options: ExecFileOptions = { env: { ...process.env, ...env }, encoding: "utf8" };
  try {
    const { stdout, stderr } = await run(path.resolve("node_modules/.bin/tsx"), ["--tsconfig", "tsconfig.node.json", "lib/cli/main.ts", ...args], options);
    return { code: 0, stdout: String(stdout), stderr: String(stderr) };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

/** A printed command, run as the operator pastes it. */
async function shell(command: string) {
  return run("sh", ["-c", command], { encoding: "utf8" });
}

let client: CreatedConfidentialClient;
let source: TokenServiceProcess;
const started: TokenServiceProcess[] = [];
const scratch: ScratchDatabase[] = [];

beforeAll(async () => {
  const tenant = await createTestTenant("backup");
  client = await createClient(tenant.admin, clientInput({ roleIds: [tenant.roleIds.administrator] }));
  source = await startTokenServiceProcess({});
  started.push(source);
});

afterAll(async () => {
  await Promise.all(started.map((service) => service.stop()));
  await Promise.all(scratch.map((database) => database.drop()));
  for (const made of directories) rmSync(made, { recursive: true, force: true });
});

/** Client credentials with the client's existing secret, as an application asks with openid-client. */
async function tokenFrom(issuer: string): Promise<string> {
  const secret = client.secret.plaintext;
  const configuration = await discovery(new URL(issuer), client.clientId, secret, ClientSecretBasic(secret), { execute: [allowInsecureRequests] });
  return (await clientCredentialsGrant(configuration, {})).access_token;
}

async function jwksKids(issuer: string): Promise<string[]> {
  const jwks = (await (await fetch(`${issuer}/jwks`)).json()) as { keys: { kid: string }[] };
  return jwks.keys.map((key) => key.kid).sort();
}

/** Token requests to `issuer` until stopped: the installation is in use while it is backed up. */
function keepRequesting(issuer: string) {
  const statuses: number[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const answer = await postToken(issuer, { grant_type: "client_credentials" }, { basic: { clientId: client.clientId, secret: client.secret.plaintext } });
      statuses.push(answer.status);
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return statuses;
  };
}

describe("backup and restore", { timeout: 180_000 }, () => {
  it("backs up a running installation, restores it elsewhere, and a client's existing secret gets a token the restored JWKS verifies", async () => {
    const stopRequests = keepRequesting(source.issuer);
    let restoredEnv: Record<string, string>;
    if (kind === "sqlite") {
      const out = path.join(dir, "latchkey-backup.db");
      const backup = await cli({}, "backup", "--out", out);
      expect(backup.code, backup.stderr).toBe(0);
      expect(statSync(out).mode & 0o777).toBe(0o600);
      // It names what the operator must keep besides: the key-encryption key the signing keys are under.
      const kekId = parseKeyEncryptionKey(TEST_KEY_ENCRYPTION_KEY, "test").id;
      expect(backup.stdout).toContain(`Keep, apart from the backup: the key-encryption key (id ${kekId}), here LATCHKEY_KEY_ENCRYPTION_KEY`);

      const target = path.join(temporaryDirectory("restored"), "latchkey.db");
      restoredEnv = { DATABASE_URL: `file:${target}` };
      const restore = await cli(restoredEnv, "restore", "--from", out);
      expect(restore.code, restore.stderr).toBe(0);
      expect(restore.stdout).toContain(`Its signing keys open with this environment's key-encryption key (${kekId}, from LATCHKEY_KEY_ENCRYPTION_KEY)`);
      expect(statSync(target).mode & 0o777).toBe(0o600);
    } else {
      const out = path.join(dir, "latchkey.dump");
      const backup = await cli({}, "backup", "--out", out, "--json");
      expect(backup.code).toBe(2);
      const { command } = JSON.parse(backup.stdout.split("\n")[0]!) as { command: string };
      expect(command).toMatch(/^pg_dump --format=custom --no-owner --no-privileges --host=\S+ --port=\d+ --username=postgres --dbname=\w+ --file=/);
      await shell(command);

      const restoredDb = await createScratchDatabase("restore", { migrated: false });
      scratch.push(restoredDb);
      restoredEnv = { DATABASE_URL: restoredDb.url };
      const restore = await cli(restoredEnv, "restore", "--from", out, "--json");
      expect(restore.code).toBe(2);
      const commands = JSON.parse(restore.stdout.split("\n")[0]!) as { createdb: string; restore: string };
      expect(commands.restore).toContain(`--dbname=${new URL(restoredDb.url).pathname.slice(1)} ${out}`);
      // The database exists already (empty): createdb is for the operator who has none.
      await shell(commands.restore);
    }
    const statuses = await stopRequests();
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((status) => status === 200)).toBe(true);

    const restored = await startTokenServiceProcess(restoredEnv);
    started.push(restored);
    // The same signing keys (restored, not made anew), and a token with the old secret.
    expect(await jwksKids(restored.issuer)).toEqual(await jwksKids(source.issuer));
    const token = await tokenFrom(restored.issuer);
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(`${restored.issuer}/jwks`)), { issuer: restored.issuer });
    expect(payload.client_id).toBe(client.clientId);
    expect(await jwksKids(restored.issuer)).toContain(decodeProtectedHeader(token).kid);
  });

  it.runIf(kind === "sqlite")("refuses to overwrite a file without --force, and to restore into a database in use or not empty", async () => {
    const out = path.join(dir, "existing.db");
    writeFileSync(out, "an operator's file", { mode: 0o600 });
    const refused = await cli({}, "backup", "--out", out);
    expect([refused.code, refused.stderr.trim()]).toEqual([1, `latchkey: ${out} exists; choose another file, or pass --force to replace it`]);
    expect(readFileSync(out, "utf8")).toBe("an operator's file");
    expect((await cli({}, "backup", "--out", out, "--force")).code).toBe(0);

    // The project's database: not empty.
    const notEmpty = await cli({}, "restore", "--from", out);
    expect(notEmpty.code).toBe(1);
    expect(notEmpty.stderr).toMatch(
      new RegExp(`^latchkey: ${sqliteFilePath(process.env)} is not empty \\(\\d+ tables\\): restore only into an empty database`),
    );

    // An empty database an instance runs on.
    const inUse = { ...process.env, DATABASE_URL: `file:${path.join(temporaryDirectory("in-use"), "latchkey.db")}` };
    expect(holdSqliteInstanceLock(inUse)).toBeNull();
    const busy = await cli({ DATABASE_URL: inUse.DATABASE_URL! }, "restore", "--from", out);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(/^latchkey: a Latchkey instance is running on \S+latchkey\.db: stop it first; restore only into an unused database$/m);

    // Another key-encryption key: restored, with the warning that its signing keys will not open.
    const other = path.join(temporaryDirectory("other-key"), "latchkey.db");
    const otherKey = await cli(
      { DATABASE_URL: `file:${other}`, LATCHKEY_KEY_ENCRYPTION_KEY: "b3RoZXIta2V5LWVuY3J5cHRpb24ta2V5LW9mLTMyLWI" },
      "restore",
      "--from",
      out,
    );
    expect(otherKey.code, otherKey.stderr).toBe(0);
    expect(otherKey.stdout).toMatch(
      /Its signing keys are encrypted under key-encryption key \S+, but this environment has \S+ \(from LATCHKEY_KEY_ENCRYPTION_KEY\): start Latchkey with the key the backup was made under/,
    );
  });
});
