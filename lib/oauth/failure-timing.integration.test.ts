// Every failed client authentication takes at least the configured floor, whichever path
// it took (unknown id, wrong secret, client read cold, a method that does not fit the
// client, a CORS refusal), so timing cannot tell them apart; a success is not delayed.
import { randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "@/lib/clients/create-client";
import { clientInput, createTestTenant, type TestTenant } from "@/lib/testing/fixtures";
import { postToken } from "@/lib/testing/post-token";
import { startTokenService, type TestTokenService } from "@/lib/testing/start-token-service";
import { clearClientCache } from "./client-cache";

let tenant: TestTenant;
let service: TestTokenService | undefined;

beforeAll(async () => {
  tenant = await createTestTenant("failure-timing");
});

afterEach(async () => {
  await service?.close();
  service = undefined;
});

const FLOOR_MS = 250;

async function timed(run: () => Promise<{ status: number; body: Record<string, unknown> }>) {
  const started = performance.now();
  const answer = await run();
  return { ms: performance.now() - started, status: answer.status, error: answer.body.error };
}

describe("failed client authentication timing", () => {
  it("answers every kind of failure no sooner than the floor, and a success without waiting for it", async () => {
    service = await startTokenService({ LATCHKEY_AUTH_FAILURE_MIN_MS: String(FLOOR_MS) });
    const issuer = service.issuer;
    const client = await createClient(tenant.admin, clientInput());
    const key = await generateKeyPair("ES256", { extractable: true });
    const jwtClient = await createClient(tenant.admin, {
      type: "client-credentials",
      name: "Timing device",
      securityType: "signed-jwt",
      publicKey: { key: JSON.stringify({ ...(await exportJWK(key.publicKey)), kid: "k1" }), description: "test" },
    });
    const form = { grant_type: "client_credentials" };
    const assertionFor = (id: string) =>
      new SignJWT({ jti: randomUUID() })
        .setProtectedHeader({ alg: "ES256", kid: "k1" })
        .setIssuer(id)
        .setSubject(id)
        .setAudience(`${issuer}/token`)
        .setIssuedAt()
        .setExpirationTime("1m")
        .sign(key.privateKey);
    const assertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    const failures = {
      "wrong secret": () => postToken(issuer, form, { basic: { clientId: client.clientId, secret: "lk_wrong" } }),
      "wrong secret, cache cold": () => {
        clearClientCache();
        return postToken(issuer, form, { basic: { clientId: client.clientId, secret: "lk_wrong" } });
      },
      "unknown id": () => postToken(issuer, form, { basic: { clientId: randomUUID(), secret: "lk_wrong" } }),
      "secret for a signed-JWT client": () => postToken(issuer, form, { basic: { clientId: jwtClient.clientId, secret: "lk_wrong" } }),
      "assertion for an unknown id": async () => {
        const id = randomUUID();
        return postToken(issuer, { ...form, client_id: id, client_assertion_type: assertionType, client_assertion: await assertionFor(id) });
      },
      "introspection, wrong secret": () =>
        postToken(issuer, { token: "x" }, { path: "/token/introspection", basic: { clientId: client.clientId, secret: "lk_wrong" } }),
      "revocation, unknown id": () => postToken(issuer, { token: "x" }, { path: "/token/revocation", basic: { clientId: randomUUID(), secret: "lk_wrong" } }),
      "CORS refusal": () =>
        postToken(issuer, form, { basic: { clientId: client.clientId, secret: client.secret.plaintext }, headers: { origin: "https://evil.example" } }),
    };
    for (const [kind, run] of Object.entries(failures)) {
      const answer = await timed(run);
      expect({ kind, status: answer.status }).toEqual({ kind, status: kind === "CORS refusal" ? 400 : 401 });
      expect(answer.ms, kind).toBeGreaterThanOrEqual(FLOOR_MS - 1);
    }
    const ok = await timed(() => postToken(issuer, form, { basic: { clientId: client.clientId, secret: client.secret.plaintext } }));
    expect(ok.status).toBe(200);
    expect(ok.ms).toBeLessThan(FLOOR_MS);
    const signed = await timed(async () =>
      postToken(issuer, {
        ...form,
        client_id: jwtClient.clientId,
        client_assertion_type: assertionType,
        client_assertion: await assertionFor(jwtClient.clientId),
      }),
    );
    expect(signed.status).toBe(200);
    expect(signed.ms).toBeLessThan(FLOOR_MS);
  });
});
