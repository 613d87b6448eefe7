// The admin CLI as an operator runs it: a real process, real arguments, exit codes and
// output read from the outside, against the project's test database.
import { execFile } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { hashSecret } from "@/lib/secrets/generate-secret";
import { createPortalSession } from "@/lib/sessions/create-portal-session";
import { createTestTenant, uniqueSuffix } from "@/lib/testing/fixtures";

const run = promisify(execFile);

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const tsx = path.resolve("node_modules/.bin/tsx");
  try {
    const { stdout, stderr } = await run(tsx, ["--tsconfig", "tsconfig.node.json", "lib/cli/main.ts", ...args], { env: process.env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

// Each call starts a process (about 2 s on an idle 2-core machine, several times that when it is busy).
describe("latchkey CLI", { timeout: 90_000 }, () => {
  it("bootstraps a tenant, an administrator and a client whose --json output is one object with the secret", async () => {
    const slug = `cli-${uniqueSuffix()}`;
    expect((await cli("tenants", "create", "--slug", slug, "--name", "CLI Works")).code).toBe(0);
    const user = await cli("users", "add", "--tenant", slug, "--email", `ops-${slug}@example.com`, "--role", "Account Administrator", "--json");
    expect(user.code).toBe(0);
    expect(JSON.parse(user.stdout)).toMatchObject({ roles: ["Account Administrator", "Account Member"] });

    const clientId = "0b8c7a4e-5b1d-4c6f-9a0e-7d2b1c3e4f5a".replace(/^0b8c/, uniqueSuffix().slice(0, 4));
    const created = await cli(
      "clients",
      "create",
      "--tenant",
      slug,
      "--type",
      "client-credentials",
      "--name",
      "Historian",
      "--role",
      "account-administrator",
      "--lifetime",
      "900",
      "--client-id",
      clientId.toUpperCase(),
      "--secret-description",
      "plant-srv-04",
      "--secret-expires",
      "never",
      "--json",
    );
    expect(created.code).toBe(0);
    const lines = created.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const output = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(output).toMatchObject({ clientId, tokenLifetime: 900, roles: ["Account Administrator", "Account Member"] });
    expect(output.clientSecret).toMatch(/^lk_[A-Za-z0-9_-]{43}$/);
    expect(output.secret).toMatchObject({ description: "plant-srv-04", expiresAt: null });
    expect(JSON.stringify(output.secret)).not.toContain(String(output.clientSecret));
    // Only the hash is kept.
    const stored = await db.clientSecret.findMany({ where: { client: { clientId } } });
    expect(stored.map((s) => s.hash)).toEqual([hashSecret(String(output.clientSecret))]);

    const listed = await cli("clients", "list", "--tenant", slug, "--json");
    expect(JSON.parse(listed.stdout).clients).toEqual([expect.objectContaining({ clientId, name: "Historian", secretCount: 1 })]);
    expect(listed.stdout).not.toContain(String(output.clientSecret));

    const added = JSON.parse((await cli("secrets", "add", "--tenant", slug, "--client", clientId, "--json")).stdout);
    expect(added.clientSecret).not.toBe(output.clientSecret);
    const deleted = await cli("secrets", "delete", "--tenant", slug, "--client", clientId, "--secret", added.secret.id);
    expect(deleted.code).toBe(0);
    expect(await db.clientSecret.count({ where: { client: { clientId } } })).toBe(1);
  });

  it.each([
    [["clients", "create", "--tenant", "x", "--type", "client-credentials"], "--name is required"],
    [["clients", "create", "--tenant", "x", "--name", "n", "--type", "implicit"], "--type must be one of client-credentials, authorization-code, hybrid"],
    [["clients", "list", "--tenant", "x", "--bogus"], "Unknown option '--bogus'"],
    [["frobnicate", "now"], 'unknown command "frobnicate now"'],
    [
      ["clients", "create", "--tenant", "x", "--name", "n", "--type", "hybrid", "--security-type", "signed-jwt", "--public-key", "k.pem"],
      "--security-type signed-jwt is for client-credentials clients",
    ],
    [
      ["clients", "create", "--tenant", "x", "--name", "n", "--type", "client-credentials", "--security-type", "signed-jwt"],
      "--public-key FILE goes with --security-type signed-jwt",
    ],
    [
      [
        "clients",
        "create",
        "--tenant",
        "x",
        "--name",
        "n",
        "--type",
        "client-credentials",
        "--security-type",
        "signed-jwt",
        "--public-key",
        "/nonexistent/key.pem",
      ],
      "cannot read the public key from /nonexistent/key.pem: ENOENT",
    ],
    [["signing-keys", "rotate", "--alg", "HS256"], "--alg must be one of ES256, RS256"],
    [["signing-keys", "rotate", "--activate-in", "soon"], "--activate-in must be a number of seconds"],
  ])("refuses bad arguments %j with one line on stderr and exit code 2", async (args, message) => {
    const result = await cli(...args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain(message);
  });

  it("refuses invalid values through the shared validation, changing nothing", async () => {
    const slug = `cli-${uniqueSuffix()}`;
    await cli("tenants", "create", "--slug", slug, "--name", "Validation");
    for (const [flag, value, message] of [
      ["--lifetime", "59", "at least 60 seconds"],
      ["--client-id", "not-a-guid", "Client Id must be a GUID"],
      ["--secret-expires", "2001-01-01", "Expiry must be a date after today"],
      ["--role", "Wizard", 'Unknown role "Wizard"'],
    ] as const) {
      const result = await cli("clients", "create", "--tenant", slug, "--type", "client-credentials", "--name", "n", flag, value, "--json");
      expect(result.code, `${flag} ${value}`).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stdout).toBe("");
    }
    expect(await db.client.count({ where: { tenant: { slug } } })).toBe(0);
  });

  it("answers an unknown tenant with exit code 1 and no stack trace", async () => {
    const result = await cli("clients", "list", "--tenant", `missing-${uniqueSuffix()}`);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^latchkey: Tenant "missing-[0-9a-f]+" not found$/);
  });

  it("creates a signed-JWT client from a public key file and manages its keys, never taking a private key", async () => {
    const slug = `cli-${uniqueSuffix()}`;
    await cli("tenants", "create", "--slug", slug, "--name", "Keys");
    const dir = mkdtempSync(path.join(tmpdir(), "latchkey-cli-keys-"));
    const pair = () => generateKeyPairSync("ec", { namedCurve: "P-256" });
    const first = pair();
    writeFileSync(path.join(dir, "first.pem"), first.publicKey.export({ type: "spki", format: "pem" }));
    writeFileSync(path.join(dir, "second.pem"), pair().publicKey.export({ type: "spki", format: "pem" }));
    const privatePem = first.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    writeFileSync(path.join(dir, "private.pem"), privatePem);

    const created = await cli(
      "clients",
      "create",
      "--tenant",
      slug,
      "--type",
      "client-credentials",
      "--name",
      "Edge gateway",
      "--security-type",
      "signed-jwt",
      "--public-key",
      path.join(dir, "first.pem"),
      "--key-description",
      "gateway 1",
      "--token-signing-alg",
      "RS256",
      "--json",
    );
    expect(created.code).toBe(0);
    const client = JSON.parse(created.stdout) as {
      clientId: string;
      securityType: string;
      tokenSigningAlg: string;
      clientSecret?: string;
      key: { summary: string };
    };
    expect(client).toMatchObject({ securityType: "signed-jwt", tokenSigningAlg: "RS256", key: { summary: "EC P-256" } });
    expect(client.clientSecret).toBeUndefined();

    expect((await cli("client-keys", "add", "--tenant", slug, "--client", client.clientId, "--public-key", path.join(dir, "second.pem"))).code).toBe(0);
    const refused = await cli("client-keys", "add", "--tenant", slug, "--client", client.clientId, "--public-key", path.join(dir, "private.pem"));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("This is a private key");
    expect(refused.stderr).not.toContain(privatePem.split("\n")[1]);
    const keys = JSON.parse((await cli("client-keys", "list", "--tenant", slug, "--client", client.clientId, "--json")).stdout).keys as { id: string }[];
    expect(keys).toHaveLength(2);
    expect((await cli("client-keys", "delete", "--tenant", slug, "--client", client.clientId, "--key", keys[0]!.id)).code).toBe(0);
    expect(await db.clientKey.count({ where: { client: { clientId: client.clientId } } })).toBe(1);
    expect((await cli("secrets", "add", "--tenant", slug, "--client", client.clientId)).stderr).toContain("register a public key instead");
  });

  // Signing-key ids are base64url (1 in 64 begins with "-"), and people paste names and
  // descriptions: every option that takes such a value must take one beginning with "-".
  describe("takes values beginning with a dash", () => {
    const slug = `cli-${uniqueSuffix()}`;
    let clientId = "";
    beforeAll(async () => {
      await cli("tenants", "create", "--slug", slug, "--name", "Dashes");
      const created = await cli("clients", "create", "--tenant", slug, "--type", "client-credentials", "--name", "Dashes", "--json");
      clientId = (JSON.parse(created.stdout) as { clientId: string }).clientId;
    });
    const client = () => ["--tenant", slug, "--client", clientId];
    it.each<[string, () => string[], number, string]>([
      ["--kid", () => ["signing-keys", "revoke", "--kid", "-Q1x"], 1, 'No live signing key has the kid "-Q1x"'],
      ["--tenant", () => ["clients", "list", "--tenant", "-acme"], 1, 'Tenant "-acme" not found'],
      ["--client", () => ["secrets", "list", "--tenant", slug, "--client", "-c1"], 1, "Client not found"],
      ["--secret", () => ["secrets", "delete", ...client(), "--secret", "-s1"], 1, "Secret not found"],
      ["--key", () => ["client-keys", "delete", ...client(), "--key", "-k1"], 1, "Key not found"],
      ["--public-key", () => ["client-keys", "add", ...client(), "--public-key", "-key.pem"], 2, "cannot read the public key from -key.pem"],
      ["--description (secrets)", () => ["secrets", "add", ...client(), "--description", "-old server", "--json"], 0, '"description":"-old server"'],
      [
        "--client-id",
        () => ["clients", "create", "--tenant", slug, "--type", "client-credentials", "--name", "n", "--client-id", "-x"],
        2,
        "Client Id must be a GUID",
      ],
      ["--name (clients)", () => ["clients", "create", "--tenant", slug, "--type", "client-credentials", "--name", "-Line 4", "--json"], 0, '"name":"-Line 4"'],
      [
        "--secret-description",
        () => ["clients", "create", "--tenant", slug, "--type", "client-credentials", "--name", "n2", "--secret-description", "-s", "--json"],
        0,
        '"description":"-s"',
      ],
      ["--role", () => ["clients", "create", "--tenant", slug, "--type", "client-credentials", "--name", "n3", "--role", "-r"], 2, 'Unknown role "-r"'],
      ["--environment (clients)", () => ["clients", "list", "--tenant", slug, "--environment", "-e"], 2, 'Unknown environment "-e"'],
      ["--search", () => ["clients", "list", "--tenant", slug, "--search", "-Line", "--json"], 0, '"name":"-Line 4"'],
      ["--name (tenants)", () => ["tenants", "create", "--slug", `${slug}-t`, "--name", "-Dash Co", "--json"], 0, '"name":"-Dash Co"'],
      ["--email", () => ["users", "add", "--tenant", slug, "--email", "-x"], 2, "email"],
      [
        "--name, --description (roles)",
        () => ["roles", "create", "--tenant", slug, "--name", "-Readers", "--description", "-ro", "--json"],
        0,
        '"description":"-ro"',
      ],
      ["--role (roles)", () => ["roles", "delete", "--tenant", slug, "--role", "-nope"], 2, 'Unknown role "-nope"'],
      ["--name (environments)", () => ["environments", "create", "--tenant", slug, "--name", "-Plant", "--json"], 0, '"name":"-Plant"'],
      ["--environment", () => ["environments", "delete", "--tenant", slug, "--environment", "-nope"], 2, 'Unknown environment "-nope"'],
    ])("%s", async (_option, args, code, expected) => {
      const result = await cli(...args());
      expect(result.stderr).not.toMatch(/ambiguous|needs a value/);
      expect(result.code, result.stderr).toBe(code);
      expect(code === 0 ? result.stdout : result.stderr).toContain(expected);
    });

    it("--name (users)", async () => {
      const email = `ops-${slug}@example.com`;
      expect((await cli("users", "add", "--tenant", slug, "--email", email, "--name", "-Ops")).code).toBe(0);
      expect(await db.user.findUnique({ where: { email }, select: { name: true } })).toEqual({ name: "-Ops" });
    });

    it("still reports a forgotten value, and takes --option=value", async () => {
      const forgotten = await cli("signing-keys", "revoke", "--kid", "--json");
      expect(forgotten.code).toBe(2);
      expect(forgotten.stderr).toContain("--kid needs a value");
      const equals = await cli("signing-keys", "revoke", "--kid=-Q1x");
      expect(equals.stderr).toContain('No live signing key has the kid "-Q1x"');
    });
  });

  it("lists and rotates the token service's signing keys, and shows no private key", async () => {
    const rotated = await cli("signing-keys", "rotate", "--alg", "RS256", "--activate-in", "3600", "--json");
    expect(rotated.code).toBe(0);
    const { key } = JSON.parse(rotated.stdout) as { key: { kid: string; state: string } };
    expect(key.state).toBe("pending");
    const listed = await cli("signing-keys", "list", "--json");
    const keys = JSON.parse(listed.stdout).keys as { kid: string; alg: string; state: string }[];
    expect(keys.find((k) => k.kid === key.kid)).toMatchObject({ alg: "RS256", state: "pending" });
    expect(keys.some((k) => k.alg === "RS256" && k.state === "signing")).toBe(true);
    expect(listed.stdout).not.toMatch(/"d"|"p"|"q"|PRIVATE/);
    // The pending key has signed nothing yet: it may go again at once.
    expect((await cli("signing-keys", "revoke", "--kid", key.kid)).code).toBe(0);
  });

  it("signs a member out everywhere by email, and refuses someone who is not a member", async () => {
    const { slug, memberUserId: userId, member } = await createTestTenant("cli-sign-out");
    const email = member.actor.label;
    const session = await createPortalSession({ userId });

    const done = await cli("users", "sign-out", "--tenant", slug, "--email", email.toUpperCase(), "--json");
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toEqual({ userId, email, ended: 1 });
    expect((await db.portalSession.findUniqueOrThrow({ where: { id: session.id } })).revokedAt).not.toBeNull();
    expect(await db.auditEvent.count({ where: { action: "membership.sessions-end", targetId: userId, actorType: "cli" } })).toBe(1);

    const stranger = await cli("users", "sign-out", "--tenant", slug, "--email", `nobody-${slug}@example.com`);
    expect(stranger).toMatchObject({ code: 1, stderr: "latchkey: User not found\n" });
    expect((await cli("users", "sign-out", "--tenant", slug)).code).toBe(2);
  });
});
