// Failed client authentications are limited per client id and per source address: past
// the limit, 429 with Retry-After, even for the right credentials, until the window ends.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "@/lib/clients/create-client";
import { clientInput, createTestTenant, type TestTenant } from "@/lib/testing/fixtures";
import { startTokenService, type TestTokenService } from "@/lib/testing/start-token-service";

let tenant: TestTenant;
let service: TestTokenService | undefined;

beforeAll(async () => {
  tenant = await createTestTenant("limits");
});

afterEach(async () => {
  await service?.close();
  service = undefined;
});

async function tokenRequest(clientId: string, secret: string, how: "basic" | "post" = "basic") {
  const form = new URLSearchParams({ grant_type: "client_credentials" });
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (how === "basic") headers.authorization = `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`;
  else {
    form.set("client_id", clientId);
    form.set("client_secret", secret);
  }
  const response = await fetch(`${service!.issuer}/token`, { method: "POST", headers, body: form });
  return { status: response.status, retryAfter: response.headers.get("retry-after"), body: (await response.json()) as Record<string, string> };
}

describe("failed client authentication limits", () => {
  it("block a client id after its failures, for both ways of sending it, while other clients go on", async () => {
    service = await startTokenService({ LATCHKEY_AUTH_FAILURES_PER_CLIENT: "3", LATCHKEY_AUTH_FAILURES_PER_ADDRESS: "100", LATCHKEY_AUTH_FAILURE_WINDOW: "60" });
    const [target, bystander] = await Promise.all([createClient(tenant.admin, clientInput()), createClient(tenant.admin, clientInput())]);
    for (let i = 0; i < 3; i++) expect((await tokenRequest(target.clientId, "lk_wrong", i % 2 ? "post" : "basic")).status).toBe(401);

    for (const how of ["basic", "post"] as const) {
      const blocked = await tokenRequest(target.clientId, target.secret.plaintext, how);
      expect(blocked.status).toBe(429);
      expect(blocked.body.error).toBe("too_many_requests");
      expect(Number(blocked.retryAfter)).toBeGreaterThan(50);
      expect(Number(blocked.retryAfter)).toBeLessThanOrEqual(60);
      expect(JSON.stringify(blocked.body)).not.toContain(target.secret.plaintext);
    }
    expect((await tokenRequest(bystander.clientId, bystander.secret.plaintext)).status).toBe(200);
  });

  it("block a source address that fails across many client ids, then let it back in when the window ends", async () => {
    service = await startTokenService({ LATCHKEY_AUTH_FAILURES_PER_CLIENT: "100", LATCHKEY_AUTH_FAILURES_PER_ADDRESS: "5", LATCHKEY_AUTH_FAILURE_WINDOW: "2" });
    const client = await createClient(tenant.admin, clientInput());
    for (let i = 0; i < 5; i++) expect((await tokenRequest(crypto.randomUUID(), "lk_guess")).status).toBe(401);
    const blocked = await tokenRequest(client.clientId, client.secret.plaintext);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.retryAfter)).toBeGreaterThanOrEqual(1);

    await new Promise((resolve) => setTimeout(resolve, Number(blocked.retryAfter) * 1000 + 100));
    expect((await tokenRequest(client.clientId, client.secret.plaintext)).status).toBe(200);
  });

  it("count only failures: successful requests never block anyone", async () => {
    service = await startTokenService({ LATCHKEY_AUTH_FAILURES_PER_CLIENT: "2", LATCHKEY_AUTH_FAILURES_PER_ADDRESS: "2" });
    const client = await createClient(tenant.admin, clientInput());
    for (let i = 0; i < 10; i++) expect((await tokenRequest(client.clientId, client.secret.plaintext)).status).toBe(200);
  });
});
