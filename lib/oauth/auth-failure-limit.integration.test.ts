// Failed client authentications are limited per client id and per source address: past
// the limit, 429 with Retry-After, even for the right credentials, until the window ends.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "@/lib/clients/create-client";
import { clientInput, createTestTenant, type TestTenant } from "@/lib/testing/fixtures";
import { startTokenService, type TestTokenService } from "@/lib/testing/start-token-service";
import { basicAuthorization, postToken } from "@/lib/testing/post-token";

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
  const answer =
    how === "basic"
      ? await postToken(service!.issuer, { grant_type: "client_credentials" }, { basic: { clientId, secret } })
      : await postToken(service!.issuer, { grant_type: "client_credentials", client_id: clientId, client_secret: secret });
  return { status: answer.status, retryAfter: answer.headers.get("retry-after"), body: answer.body };
}

describe("failed client authentication limits", () => {
  it("block a client id after its failures, for both ways of sending it, while other clients go on", async () => {
    service = await startTokenService({
      LATCHKEY_AUTH_FAILURES_PER_CLIENT: "3",
      LATCHKEY_AUTH_FAILURES_PER_ADDRESS: "100",
      LATCHKEY_AUTH_FAILURE_WINDOW: "60",
    });
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

  it("count failures however the path is spelled or the error is asked for (HTML)", async () => {
    service = await startTokenService({ LATCHKEY_AUTH_FAILURES_PER_CLIENT: "3", LATCHKEY_AUTH_FAILURES_PER_ADDRESS: "100" });
    const client = await createClient(tenant.admin, clientInput());
    const wrong = { basic: { clientId: client.clientId, secret: "lk_wrong" } };
    expect((await postToken(service.issuer, { grant_type: "client_credentials" }, { ...wrong, path: "/TOKEN" })).status).toBe(401);
    expect((await postToken(service.issuer, { grant_type: "client_credentials" }, { ...wrong, path: "/token/" })).status).toBe(401);
    const html = await fetch(`${service.issuer}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html", authorization: basicAuthorization(client.clientId, "lk_wrong") },
      body: "grant_type=client_credentials",
    });
    expect(html.status).toBe(401);
    expect((await tokenRequest(client.clientId, client.secret.plaintext)).status).toBe(429);
  });

  it("never block a public or signed-JWT client in its own name: they have nothing to guess", async () => {
    service = await startTokenService({ LATCHKEY_AUTH_FAILURES_PER_CLIENT: "2", LATCHKEY_AUTH_FAILURES_PER_ADDRESS: "100" });
    const spa = await createClient(tenant.admin, { type: "authorization-code", name: "Limits SPA", redirectUris: ["https://spa.example.com/cb"] });
    // A secret sent for a public client fails (invalid_client), again and again.
    for (let i = 0; i < 4; i++) expect((await tokenRequest(spa.clientId, "lk_guess")).status).toBe(401);
    const exchange = await postToken(service.issuer, {
      grant_type: "authorization_code",
      client_id: spa.clientId,
      code: "unknown",
      redirect_uri: "https://spa.example.com/cb",
      code_verifier: "v".repeat(43),
    });
    expect(exchange).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
  });

  it("behind a proxy, take the address the proxy saw, not what the client wrote in X-Forwarded-For", async () => {
    service = await startTokenService({ LATCHKEY_TRUST_PROXY: "1", LATCHKEY_AUTH_FAILURES_PER_CLIENT: "100", LATCHKEY_AUTH_FAILURES_PER_ADDRESS: "3" });
    const client = await createClient(tenant.admin, clientInput());
    const from = (forwarded: string) => ({ "x-forwarded-for": forwarded });
    // The client varies what it writes; the proxy appends the address it saw (198.51.100.7).
    for (let i = 0; i < 3; i++) {
      const answer = await postToken(
        service.issuer,
        { grant_type: "client_credentials" },
        { basic: { clientId: crypto.randomUUID(), secret: "x" }, headers: from(`10.0.0.${i}, 198.51.100.7`) },
      );
      expect(answer.status).toBe(401);
    }
    const blocked = await postToken(
      service.issuer,
      { grant_type: "client_credentials" },
      { basic: { clientId: client.clientId, secret: client.secret.plaintext }, headers: from("10.9.9.9, 198.51.100.7") },
    );
    expect(blocked.status).toBe(429);
    // Another address behind the same proxy is not.
    const other = await postToken(
      service.issuer,
      { grant_type: "client_credentials" },
      { basic: { clientId: client.clientId, secret: client.secret.plaintext }, headers: from("198.51.100.8") },
    );
    expect(other.status).toBe(200);
  });

  it("count only failures: successful requests never block anyone", async () => {
    service = await startTokenService({ LATCHKEY_AUTH_FAILURES_PER_CLIENT: "2", LATCHKEY_AUTH_FAILURES_PER_ADDRESS: "2" });
    const client = await createClient(tenant.admin, clientInput());
    for (let i = 0; i < 10; i++) expect((await tokenRequest(client.clientId, client.secret.plaintext)).status).toBe(200);
  });
});
