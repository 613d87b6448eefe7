// The admin CLI as an operator runs it: a real process, real arguments, exit codes and
// output read from the outside, against the project's test database.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { hashSecret } from "@/lib/secrets/generate-secret";
import { uniqueSuffix } from "@/lib/testing/fixtures";

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
      "clients", "create", "--tenant", slug, "--type", "client-credentials", "--name", "Historian",
      "--role", "account-administrator", "--lifetime", "900", "--client-id", clientId.toUpperCase(),
      "--secret-description", "plant-srv-04", "--secret-expires", "never", "--json",
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
});
