// Introspection (RFC 7662), revocation (RFC 7009) and userinfo for Latchkey's JWT access
// tokens and refresh tokens, over real HTTP with openid-client, across tenants.
import {
  allowInsecureRequests,
  ClientSecretBasic,
  clientCredentialsGrant,
  Configuration,
  fetchUserInfo,
  None,
  tokenIntrospection,
  tokenRevocation,
  type ServerMetadata,
} from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type CreatedConfidentialClient } from "@/lib/clients/create-client";
import { deleteClient } from "@/lib/clients/delete-client";
import { clientInput, createTestTenant, type TestTenant } from "@/lib/testing/fixtures";
import { discoverServerMetadata, startTokenService, type TestTokenService } from "@/lib/testing/start-token-service";
import { MAX_STALENESS_MS } from "./client-cache";

let service: TestTokenService;
let metadata: ServerMetadata;
let tenant: TestTenant;
let other: TestTenant;
let api: CreatedConfidentialClient; // the client whose tokens are looked at
let resourceServer: CreatedConfidentialClient; // another client of the same tenant
let outsider: CreatedConfidentialClient; // a client of another tenant

beforeAll(async () => {
  service = await startTokenService();
  [tenant, other] = await Promise.all([createTestTenant("manage"), createTestTenant("manage-other")]);
  [api, resourceServer, outsider] = await Promise.all([
    createClient(tenant.admin, clientInput({ roleIds: [tenant.roleIds.administrator] })),
    createClient(tenant.admin, clientInput()),
    createClient(other.admin, clientInput()),
  ]);
  metadata = await discoverServerMetadata(service.issuer);
});

afterAll(async () => {
  await service?.close();
});

function as(client: CreatedConfidentialClient): Configuration {
  const config = new Configuration(metadata, client.clientId, client.secret.plaintext, ClientSecretBasic(client.secret.plaintext));
  allowInsecureRequests(config);
  return config;
}

describe("introspection", () => {
  it("describes an access token to a client of its tenant, with Latchkey's claims", async () => {
    const { access_token } = await clientCredentialsGrant(as(api));
    const seen = await tokenIntrospection(as(resourceServer), access_token);
    expect(seen).toMatchObject({
      active: true,
      client_id: api.clientId,
      sub: api.clientId,
      iss: service.issuer,
      aud: `${service.baseUrl}/api`,
      token_type: "Bearer",
      tenant: tenant.slug,
      tenant_id: tenant.id,
      roles: ["Account Administrator", "Account Member"],
    });
    expect(seen.exp).toBeGreaterThan(Date.now() / 1000);
  });

  it("shows another tenant's token as inactive, and a made-up one too", async () => {
    const { access_token } = await clientCredentialsGrant(as(api));
    expect(await tokenIntrospection(as(outsider), access_token)).toEqual({ active: false });
    expect(await tokenIntrospection(as(resourceServer), "not-a-token")).toEqual({ active: false });
    const [header, payload] = access_token.split(".");
    expect(await tokenIntrospection(as(resourceServer), `${header}.${payload}.AAAA`)).toEqual({ active: false });
  });

  it("shows the token of a deleted client as inactive", async () => {
    const doomed = await createClient(tenant.admin, clientInput());
    const { access_token } = await clientCredentialsGrant(as(doomed));
    expect((await tokenIntrospection(as(resourceServer), access_token)).active).toBe(true);
    await deleteClient(tenant.admin, doomed.clientId);
    await new Promise((resolve) => setTimeout(resolve, MAX_STALENESS_MS));
    expect(await tokenIntrospection(as(resourceServer), access_token)).toEqual({ active: false });
  });

  it("shows a public client only its own tokens", async () => {
    const spa = await createClient(tenant.admin, { type: "authorization-code", name: "SPA", redirectUris: ["https://spa.example.com/cb"] });
    const config = new Configuration(metadata, spa.clientId, undefined, None());
    allowInsecureRequests(config);
    const { access_token } = await clientCredentialsGrant(as(api));
    expect(await tokenIntrospection(config, access_token)).toEqual({ active: false });
  });

  it("answers invalid_client (401) without client authentication", async () => {
    const { access_token } = await clientCredentialsGrant(as(api));
    const response = await fetch(metadata.introspection_endpoint!, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: access_token }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "invalid_client" });
  });
});

describe("revocation", () => {
  it("lets the client revoke its own access token, which introspection then shows inactive", async () => {
    const { access_token } = await clientCredentialsGrant(as(api));
    await tokenRevocation(as(api), access_token);
    expect(await tokenIntrospection(as(resourceServer), access_token)).toEqual({ active: false });
    // Revoking again, or revoking nonsense, is no error (RFC 7009 2.2).
    await tokenRevocation(as(api), access_token);
    await tokenRevocation(as(api), "nonsense");
  });

  it("refuses to let another client revoke a token, which stays active", async () => {
    const { access_token } = await clientCredentialsGrant(as(api));
    await expect(tokenRevocation(as(resourceServer), access_token)).rejects.toMatchObject({ status: 400, error: "invalid_request" });
    await expect(tokenRevocation(as(outsider), access_token)).rejects.toMatchObject({ status: 400, error: "invalid_request" });
    expect((await tokenIntrospection(as(resourceServer), access_token)).active).toBe(true);
  });
});

describe("userinfo", () => {
  it("refuses a client-credentials token: there is no person behind it", async () => {
    const { access_token } = await clientCredentialsGrant(as(api));
    await expect(fetchUserInfo(as(api), access_token, api.clientId)).rejects.toMatchObject({ status: 401 });
    const response = await fetch(metadata.userinfo_endpoint!, { headers: { authorization: `Bearer ${access_token}` } });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer .*error="invalid_token"/);
  });
});

describe("discovery", () => {
  it("advertises what Latchkey does, and nothing keyed by a shared secret", () => {
    expect(metadata.code_challenge_methods_supported).toEqual(["S256"]);
    expect(metadata.response_types_supported).toEqual(["code id_token", "code"]);
    expect(metadata.grant_types_supported).toEqual(expect.arrayContaining(["authorization_code", "client_credentials", "refresh_token"]));
    expect(metadata.token_endpoint_auth_methods_supported).toEqual(["client_secret_basic", "client_secret_post", "private_key_jwt", "none"]);
    expect(metadata.token_endpoint_auth_signing_alg_values_supported).not.toContain("HS256");
    expect([...metadata.id_token_signing_alg_values_supported!].sort()).toEqual(["ES256", "RS256"]);
    for (const endpoint of ["introspection_endpoint", "revocation_endpoint", "userinfo_endpoint", "end_session_endpoint"] as const) {
      expect(metadata[endpoint]).toMatch(new RegExp(`^${service.issuer}/`));
    }
  });
});
