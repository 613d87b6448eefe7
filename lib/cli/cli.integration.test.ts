// The admin CLI as an operator runs it: a real process, real arguments, exit codes and
// output read from the outside, against the project's test database.
import { execFile } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
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

describe("latchkey CLI", () => {
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
