// An unknown client id must look, over HTTP, exactly like a known client that failed, and
// must never get a token: the stand-in that answers for it (client-lookup.ts) carries the
// presented id, refuses CORS as a server-side client does, and counts like a wrong secret.
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "@/lib/clients/create-client";
import { clientInput, createTestTenant, type TestTenant } from "@/lib/testing/fixtures";
import { postToken } from "@/lib/testing/post-token";
import { startTokenService, type TestTokenService } from "@/lib/testing/start-token-service";
import { clearClientCache, clientCacheSize } from "./client-cache";
import { HASHED_SECRET_PLACEHOLDER } from "./find-oauth-client";

let tenant: TestTenant;
let service: TestTokenService | undefined;

beforeAll(async () => {
  tenant = await createTestTenant("unknown-client");
});

afterEach(async () => {
  await service?.close();
  service = undefined;
});

const ORIGIN = "https://evil.example";

/** A request at one of the three client-authenticating endpoints, from a browser origin. */
async function fromOrigin(path: "/token" | "/token/introspection" | "/token/revocation", clientId: string, from: string) {
  const form: Record<string, string> = path === "/token" ? { grant_type: "client_credentials" } : { token: "not-a-token" };
  const answer = await postToken(service!.issuer, form, {
    path,
    basic: { clientId, secret: "lk_wrong" },
    headers: { origin: ORIGIN, "x-forwarded-for": from },
  });
  // The answer with the id it names taken out, to compare a known id's with an unknown one's.
  const body = JSON.stringify(answer.body).replaceAll(clientId.toLowerCase(), "ID");
  return { status: answer.status, body, cors: answer.headers.get("access-control-allow-origin") };
}

describe("an unknown client id", () => {
  it("gets the very CORS refusal a known server-side client gets, at every client-authenticating endpoint, counted as a failure", async () => {
    service = await startTokenService({ LATCHKEY_TRUST_PROXY: "1", LATCHKEY_AUTH_FAILURES_PER_CLIENT: "3", LATCHKEY_AUTH_FAILURES_PER_ADDRESS: "100" });
    const known = await createClient(tenant.admin, clientInput());
    const unknown = randomUUID();
    const paths = ["/token", "/token/introspection", "/token/revocation"] as const;
    for (const path of paths) {
      const [a, b] = [await fromOrigin(path, known.clientId, "192.0.2.1"), await fromOrigin(path, unknown, "192.0.2.2")];
      expect(a).toEqual(b);
      expect(a.status).toBe(400);
      expect(JSON.parse(a.body)).toMatchObject({ error: "invalid_request", error_description: `origin ${ORIGIN} not allowed for client: ID` });
      expect(a.cors).toBeNull();
      expect(b.body).not.toContain("unknown-client");
    }
    // Three refusals for each id from its address: the fourth try is refused as too many.
    for (const [id, from] of [
      [known.clientId, "192.0.2.1"],
      [unknown, "192.0.2.2"],
    ] as const) {
      const blocked = await fromOrigin("/token", id, from);
      expect(blocked.status).toBe(429);
      // The right secret from another address still works for the known client.
    }
    expect(
      (
        await postToken(
          service.issuer,
          { grant_type: "client_credentials" },
          { basic: { clientId: known.clientId, secret: known.secret.plaintext }, headers: { "x-forwarded-for": "192.0.2.3" } },
        )
      ).status,
    ).toBe(200);
  });

  it("never gets a token: not with the placeholder, not with any secret, not with an HMAC assertion keyed by it", async () => {
    service = await startTokenService();
    for (const id of [randomUUID(), "unknown-client"]) {
      for (const secret of [HASHED_SECRET_PLACEHOLDER, "lk_anything"]) {
        const basic = await postToken(service.issuer, { grant_type: "client_credentials" }, { basic: { clientId: id, secret } });
        expect(basic).toMatchObject({ status: 401, body: { error: "invalid_client" } });
        const post = await postToken(service.issuer, { grant_type: "client_credentials", client_id: id, client_secret: secret });
        expect(post.body.error).toBe("invalid_client");
      }
      const assertion = await new SignJWT({ jti: randomUUID() })
        .setProtectedHeader({ alg: "HS256" })
        .setIssuer(id)
        .setSubject(id)
        .setAudience(`${service.issuer}/token`)
        .setIssuedAt()
        .setExpirationTime("1m")
        .sign(new TextEncoder().encode(HASHED_SECRET_PLACEHOLDER));
      const jwt = await postToken(service.issuer, {
        grant_type: "client_credentials",
        client_id: id,
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: assertion,
      });
      expect(jwt).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    }
  });

  it("from a blocked address is refused before its lookup reaches the database", async () => {
    service = await startTokenService({ LATCHKEY_TRUST_PROXY: "1", LATCHKEY_AUTH_FAILURES_PER_ADDRESS: "3" });
    const from = { "x-forwarded-for": "198.51.100.77" };
    for (let i = 0; i < 3; i++) {
      expect(
        (await postToken(service.issuer, { grant_type: "client_credentials" }, { basic: { clientId: randomUUID(), secret: "lk_wrong" }, headers: from }))
          .status,
      ).toBe(401);
    }
    clearClientCache();
    const refused = await postToken(
      service.issuer,
      { grant_type: "client_credentials" },
      { basic: { clientId: randomUUID(), secret: "lk_wrong" }, headers: from },
    );
    expect(refused.status).toBe(429);
    // Nothing was looked up: the cache neither learned the id nor read the tenants' versions.
    expect(clientCacheSize()).toEqual({ clients: 0, bytes: 0, unknown: 0 });
  });
});
