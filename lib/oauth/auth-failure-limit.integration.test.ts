// Failed client authentications are limited per (client id, source address) and per source
// address: past the limit, 429 with Retry-After, even for the right credentials, until the
// window ends; never for an address that has not failed. Per client, failures are counted
// and audited instead.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { countRecentClientAuthFailures } from "@/lib/clients/count-client-auth-failures";
import { createClient } from "@/lib/clients/create-client";
import { db } from "@/lib/db/prisma";
import { clientAuthenticationFailures, rateLimited } from "@/lib/metrics/metrics";
import { tokenServiceTenantContext } from "@/lib/tenants/load-tenant-context";
import { clientInput, createTestTenant, type TestTenant } from "@/lib/testing/fixtures";
import { startTokenService, type TestTokenService } from "@/lib/testing/start-token-service";
import { captureOutput } from "@/lib/testing/capture-output";
import { basicAuthorization, postToken } from "@/lib/testing/post-token";
import { flushClientAuthFailures } from "./client-auth-failures";
import { countClientAuthFailures } from "./count-client-auth-failures";

let tenant: TestTenant;
let service: TestTokenService | undefined;
let second: TestTokenService | undefined;

beforeAll(async () => {
  tenant = await createTestTenant("limits");
});

afterEach(async () => {
  await Promise.all([service?.close(), second?.close()]);
  service = second = undefined;
});

async function tokenRequest(clientId: string, secret: string, how: "basic" | "post" = "basic", headers: Record<string, string> = {}, at = service!) {
  const answer =
    how === "basic"
      ? await postToken(at.issuer, { grant_type: "client_credentials" }, { basic: { clientId, secret }, headers })
      : await postToken(at.issuer, { grant_type: "client_credentials", client_id: clientId, client_secret: secret }, { headers });
  return { status: answer.status, retryAfter: answer.headers.get("retry-after"), body: answer.body };
}

describe("failed client authentication limits", () => {
  it("block a client id from the address that failed, for both ways of sending it, never the right secret from another address", async () => {
    // Behind a proxy (X-Forwarded-For), so the test can speak from several addresses.
    service = await startTokenService({
      LATCHKEY_TRUST_PROXY: "1",
      LATCHKEY_AUTH_FAILURES_PER_CLIENT: "10",
      LATCHKEY_AUTH_FAILURES_PER_ADDRESS: "100",
      LATCHKEY_AUTH_FAILURE_WINDOW: "60",
    });
    const [target, bystander] = await Promise.all([createClient(tenant.admin, clientInput()), createClient(tenant.admin, clientInput())]);
    const attacker = { "x-forwarded-for": "203.0.113.66" };
    for (let i = 0; i < 10; i++) expect((await tokenRequest(target.clientId, "lk_wrong", i % 2 ? "post" : "basic", attacker)).status).toBe(401);
    // Past the limit, that address goes on guessing in vain.
    for (let i = 0; i < 3; i++) expect((await tokenRequest(target.clientId, "lk_wrong", "basic", attacker)).status).toBe(429);

    for (const how of ["basic", "post"] as const) {
      const blocked = await tokenRequest(target.clientId, target.secret.plaintext, how, attacker);
      expect(blocked.status).toBe(429);
      expect(blocked.body.error).toBe("too_many_requests");
      expect(Number(blocked.retryAfter)).toBeGreaterThan(50);
      expect(Number(blocked.retryAfter)).toBeLessThanOrEqual(60);
      expect(JSON.stringify(blocked.body)).not.toContain(target.secret.plaintext);
      // The application itself, from its own address, is never locked out by someone who knows its id.
      expect((await tokenRequest(target.clientId, target.secret.plaintext, how, { "x-forwarded-for": "198.51.100.20" })).status).toBe(200);
    }
    expect((await tokenRequest(bystander.clientId, bystander.secret.plaintext, "basic", attacker)).status).toBe(200);
  });

  it("hold exactly for failures spread over two instances on one database, at either of them, and count them in the metrics", async () => {
    const env = { LATCHKEY_AUTH_FAILURES_PER_CLIENT: "6", LATCHKEY_AUTH_FAILURES_PER_ADDRESS: "100" };
    [service, second] = [await startTokenService(env), await startTokenService(env)];
    const client = await createClient(tenant.admin, clientInput());
    const failures = async (reason: string) => (await clientAuthenticationFailures.get()).values.find((v) => v.labels.reason === reason)?.value ?? 0;
    const [wrongBefore, unknownBefore, limitedBefore] = [
      await failures("wrong_secret"),
      await failures("unknown_client"),
      (await rateLimited.get()).values[0]?.value ?? 0,
    ];
    // Alternating, as a balancer would spread them: six failures in all reach the limit.
    for (let i = 0; i < 6; i++) expect((await tokenRequest(client.clientId, "lk_wrong", "basic", {}, i % 2 ? second : service)).status).toBe(401);
    for (const at of [service, second, service]) {
      const refused = await tokenRequest(client.clientId, "lk_wrong", "basic", {}, at);
      expect(refused.status).toBe(429);
      expect(refused.body.error).toBe("too_many_requests");
      expect(Number(refused.retryAfter)).toBeGreaterThan(50);
    }
    // Within a second both hold the block in memory, so even the right secret waits.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    for (const at of [service, second]) expect((await tokenRequest(client.clientId, client.secret.plaintext, "basic", {}, at)).status).toBe(429);
    expect((await tokenRequest(crypto.randomUUID(), "lk_wrong", "basic", {}, service)).status).toBe(401);
    // One process holds both services: their figures add up here as the cluster's /metrics would.
    // Six, and the one the first service may have counted before its read of the blocks;
    // the others were refused before any secret was checked.
    expect((await failures("wrong_secret")) - wrongBefore).toBeOneOf([6, 7]);
    expect((await failures("unknown_client")) - unknownBefore).toBe(1);
    expect(((await rateLimited.get()).values[0]?.value ?? 0) - limitedBefore).toBe(5);
  });

  it("count one client's failures from many addresses across processes: shown for its tenant, audited once per hour", async () => {
    service = await startTokenService({ LATCHKEY_TRUST_PROXY: "1", LATCHKEY_AUTH_FAILURES_PER_CLIENT: "3", LATCHKEY_AUTH_FAILURE_ALERT: "20" });
    const client = await createClient(tenant.admin, clientInput());
    const from = (i: number) => ({ "x-forwarded-for": `192.0.2.${i}` });
    // One fixed time for every flush, so the test cannot straddle anything.
    const now = Date.now();
    for (let i = 0; i < 15; i++) expect((await tokenRequest(client.clientId, "lk_wrong", "basic", from(i))).status).toBe(401);
    await flushClientAuthFailures(now);
    expect(await countRecentClientAuthFailures(tenant.admin, client.clientId)).toBe(15);
    const alerts = () => db.auditEvent.findMany({ where: { action: "client.auth-failures", targetId: client.clientId } });
    expect(await alerts()).toHaveLength(0);

    // Another server process's failures land in the same count (the table is shared).
    const row = await db.client.findUniqueOrThrow({ where: { clientId: client.clientId } });
    expect(await countClientAuthFailures(row.id)).toBe(15);
    for (let i = 15; i < 23; i++) expect((await tokenRequest(client.clientId, "lk_wrong", "basic", from(i))).status).toBe(401);
    await flushClientAuthFailures(now);
    for (let i = 23; i < 30; i++) expect((await tokenRequest(client.clientId, "lk_wrong", "post", from(i))).status).toBe(401);
    await flushClientAuthFailures(now);
    expect(await countRecentClientAuthFailures(tenant.admin, client.clientId)).toBe(30);
    const [alert, ...more] = await alerts();
    expect(more).toHaveLength(0);
    expect(alert).toMatchObject({ tenantId: tenant.admin.tenantId, actorType: "token-service", targetLabel: client.name });
    const tenantRow = await db.tenant.findUniqueOrThrow({ where: { id: tenant.admin.tenantId } });
    // The alert acts in the tenant as the token service, by the tenant's real name, with no rights.
    expect(await tokenServiceTenantContext(tenant.admin.tenantId)).toEqual({
      tenantId: tenantRow.id,
      tenantSlug: tenantRow.slug,
      tenantName: tenantRow.name,
      actor: { type: "token-service", label: "Token service" },
      isAdministrator: false,
    });
    expect(JSON.parse(alert!.details)).toEqual({ failures: 23, window: "1 hour" });
    expect(alert!.details).not.toContain("lk_wrong");
    // Nobody was blocked: every address failed fewer times than its limit.
    expect((await tokenRequest(client.clientId, client.secret.plaintext, "basic", from(1))).status).toBe(200);
    // Another tenant does not see this client's count.
    const other = await createTestTenant("limits-other");
    expect(await countRecentClientAuthFailures(other.admin, client.clientId)).toBe(0);
  });

  it("alert once across the top of a clock hour, and not again from the same process even if the claim is gone", async () => {
    service = await startTokenService({ LATCHKEY_TRUST_PROXY: "1", LATCHKEY_AUTH_FAILURES_PER_CLIENT: "100", LATCHKEY_AUTH_FAILURE_ALERT: "3" });
    const client = await createClient(tenant.admin, clientInput());
    const alerts = () => db.auditEvent.count({ where: { action: "client.auth-failures", targetId: client.clientId } });
    const topOfHour = Math.ceil(Date.now() / 3_600_000) * 3_600_000;
    const fail = async (n: number) => {
      for (let i = 0; i < n; i++) expect((await tokenRequest(client.clientId, "lk_wrong", "basic", { "x-forwarded-for": "192.0.2.9" })).status).toBe(401);
    };
    await fail(3);
    await flushClientAuthFailures(topOfHour - 1_000);
    expect(await alerts()).toBe(1);
    await fail(3);
    await flushClientAuthFailures(topOfHour + 1_000);
    expect(await alerts()).toBe(1);
    // The process remembers: it neither claims nor audits again, even with the claim gone.
    await db.oidcRecord.deleteMany({ where: { model: "ClientAuthFailureAlert" } });
    await fail(2);
    await flushClientAuthFailures(topOfHour + 2_000);
    expect(await alerts()).toBe(1);
    expect(await db.oidcRecord.count({ where: { model: "ClientAuthFailureAlert" } })).toBe(0);
  });

  it("warn once when requests carry X-Forwarded-For but the proxy is not trusted", async () => {
    const output = captureOutput();
    const warnings = () =>
      output
        .text()
        .split("\n")
        .filter((line) => line.includes("X-Forwarded-For but LATCHKEY_TRUST_PROXY is off"));
    try {
      service = await startTokenService({ LATCHKEY_TRUST_PROXY: undefined });
      await tokenRequest("no-such-client", "lk_wrong");
      expect(warnings()).toHaveLength(0);
      for (let i = 0; i < 3; i++) await tokenRequest("no-such-client", "lk_wrong", "basic", { "x-forwarded-for": "198.51.100.1" });
      expect(warnings()).toHaveLength(1);
      expect(warnings()[0]).toContain("WARN");
    } finally {
      output.stop();
    }
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
