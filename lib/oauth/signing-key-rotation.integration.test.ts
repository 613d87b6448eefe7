// Signing key rotation as an operator runs it (the CLI calls these functions), watched
// from outside: the JWKS a resource server fetches, and the kid of the tokens it gets.
import { setTimeout as sleep } from "node:timers/promises";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type CreatedConfidentialClient } from "@/lib/clients/create-client";
import { clientInput, createTestTenant, expectDomainError } from "@/lib/testing/fixtures";
import { startTokenService, type TestTokenService } from "@/lib/testing/start-token-service";
import { KEY_POLL_INTERVAL_MS, listSigningKeys, MIN_ACTIVATION_DELAY_S, revokeSigningKey, rotateSigningKey } from "./signing-keys";
import { postToken } from "@/lib/testing/post-token";

let service: TestTokenService;
let es256: CreatedConfidentialClient;
let rs256: CreatedConfidentialClient;

beforeAll(async () => {
  service = await startTokenService();
  const tenant = await createTestTenant("rotation");
  [es256, rs256] = await Promise.all([createClient(tenant.admin, clientInput()), createClient(tenant.admin, clientInput({ tokenSigningAlg: "RS256" }))]);
});

afterAll(async () => {
  await service?.close();
});

async function token(client: CreatedConfidentialClient): Promise<string> {
  const answer = await postToken(
    service.issuer,
    { grant_type: "client_credentials" },
    { basic: { clientId: client.clientId, secret: client.secret.plaintext } },
  );
  expect(answer.status).toBe(200);
  return answer.body.access_token as string;
}

async function publishedKids(): Promise<string[]> {
  const jwks = (await (await fetch(`${service.issuer}/jwks`)).json()) as { keys: { kid: string; d?: string }[] };
  for (const key of jwks.keys) expect(key).not.toHaveProperty("d");
  return jwks.keys.map((k) => k.kid);
}

const kidOf = (jwt: string) => decodeProtectedHeader(jwt).kid!;
// A resource server's view: a fresh JWKS fetch for every check.
const verifies = (jwt: string) =>
  jwtVerify(jwt, createRemoteJWKSet(new URL(`${service.issuer}/jwks`), { cacheMaxAge: 0 }), { issuer: service.issuer }).then(
    () => true,
    () => false,
  );

describe("signing keys", () => {
  it("sign ES256 by default and RS256 for a client that asks for it", async () => {
    expect(decodeProtectedHeader(await token(es256)).alg).toBe("ES256");
    const rsa = await token(rs256);
    expect(decodeProtectedHeader(rsa).alg).toBe("RS256");
    expect(await verifies(rsa)).toBe(true);
  });

  it("rotate in two phases: published first, signing later, the old key kept until its tokens expire", async () => {
    const before = await token(es256);
    const oldKid = kidOf(before);

    const next = await rotateSigningKey(service.config, "ES256", MIN_ACTIVATION_DELAY_S);
    expect(next.state).toBe("pending");
    await sleep(KEY_POLL_INTERVAL_MS * 2);
    // Published, but not signing yet.
    expect(await publishedKids()).toEqual(expect.arrayContaining([oldKid, next.kid]));
    expect(kidOf(await token(es256))).toBe(oldKid);

    await sleep(next.activatesAt.getTime() - Date.now() + KEY_POLL_INTERVAL_MS * 2);
    const after = await token(es256);
    expect(kidOf(after)).toBe(next.kid);
    // The old key is still published, so tokens it signed still verify.
    expect(await publishedKids()).toContain(oldKid);
    expect(await verifies(before)).toBe(true);
    expect(await verifies(after)).toBe(true);

    const old = (await listSigningKeys()).find((k) => k.kid === oldKid)!;
    expect(old.state).toBe("retiring");
    // Until every token it could have signed (at most an hour, plus clock tolerance) has expired.
    expect(old.retiresAt!.getTime()).toBeGreaterThanOrEqual(next.activatesAt.getTime() + 3600_000);
    // RS256 was not touched.
    expect(decodeProtectedHeader(await token(rs256)).alg).toBe("RS256");
  }, 30_000);

  it("withdraw a leaked key at once, but never the one that signs", async () => {
    const signing = kidOf(await token(es256));
    await expectDomainError(revokeSigningKey(signing), "CONFLICT");
    const retiring = (await listSigningKeys()).find((k) => k.alg === "ES256" && k.state === "retiring")!;
    expect(await publishedKids()).toContain(retiring.kid);
    await revokeSigningKey(retiring.kid);
    await sleep(KEY_POLL_INTERVAL_MS * 2);
    expect(await publishedKids()).not.toContain(retiring.kid);
    await expectDomainError(revokeSigningKey("no-such-kid"), "NOT_FOUND");
  });

  it("let a second rotation replace one still waiting, which never signs, and a withdrawn one leave the signing key be", async () => {
    const signing = kidOf(await token(es256));
    const slow = await rotateSigningKey(service.config, "ES256", 3600);
    const fast = await rotateSigningKey(service.config, "ES256", 3000);
    const keys = await listSigningKeys();
    expect(keys.find((k) => k.kid === slow.kid)).toBeUndefined();
    expect(keys.find((k) => k.kid === signing)!.retiresAt!.getTime()).toBe(fast.activatesAt.getTime() + 3660_000);

    await revokeSigningKey(fast.kid);
    const after = await listSigningKeys();
    expect(after.find((k) => k.kid === signing)).toMatchObject({ state: "signing", retiresAt: null });
    expect(after.some((k) => k.state === "pending" && k.alg === "ES256")).toBe(false);
  });

  it("refuse to sign with a key published for less than the minimum delay", async () => {
    await expectDomainError(rotateSigningKey(service.config, "ES256", MIN_ACTIVATION_DELAY_S - 1), "VALIDATION");
  });
});
