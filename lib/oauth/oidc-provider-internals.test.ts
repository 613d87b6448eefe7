// Each override of oidc-provider's internals, run against the installed oidc-provider: if an
// upgrade renames, reshapes or stops calling what we patch, one of these fails by name.
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import Provider, { type ClientMetadata, type Configuration } from "oidc-provider";
import { afterEach, describe, expect, it } from "vitest";
import { postToken } from "@/lib/testing/post-token";
import {
  addIssuerToEveryAuthorizationResponse,
  clientFromMetadata,
  currentContext,
  expectCurrentContext,
  ignoreClientMetadataProblems,
  overrideClientSecretComparison,
  replaceReplayDetection,
  wrapClientFind,
} from "./oidc-provider-internals";

const SECRET_CLIENT = { client_id: "secret-client", client_secret: "plain-secret", grant_types: ["client_credentials"], response_types: [], redirect_uris: [] };
const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A stock provider (in-memory storage) on a loopback port; patch it before the first request. */
async function serve(configuration: Configuration = {}) {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, { clients: [SECRET_CLIENT], features: { clientCredentials: { enabled: true } }, ...configuration });
  server.on("request", provider.callback());
  return { provider, issuer };
}

const clientCredentials = (issuer: string, secret: string) =>
  postToken(issuer, { grant_type: "client_credentials" }, { basic: { clientId: SECRET_CLIENT.client_id, secret } });

describe("oidc-provider internals", () => {
  it("compareClientSecret decides client_secret_basic, and Provider.ctx is the request there", async () => {
    expectCurrentContext();
    const { provider, issuer } = await serve();
    expect((await clientCredentials(issuer, "plain-secret")).status).toBe(200); // stock behaviour, for contrast
    const routes: (string | undefined)[] = [];
    overrideClientSecretComparison(provider, async (client, presented) => {
      routes.push(currentContext()?.oidc.route);
      return client.clientId === SECRET_CLIENT.client_id && presented === "accepted-by-override";
    });
    expect((await clientCredentials(issuer, "accepted-by-override")).status).toBe(200);
    expect((await clientCredentials(issuer, "plain-secret")).status).toBe(401);
    expect(routes).toEqual(["token", "token"]);
  });

  it("Client.find is how the token endpoint finds the authenticating client", async () => {
    const { provider, issuer } = await serve();
    const asked: string[] = [];
    wrapClientFind(provider, async (id, find) => {
      asked.push(id);
      return id === "hidden" ? undefined : find(id);
    });
    expect((await clientCredentials(issuer, "plain-secret")).status).toBe(200);
    expect(asked).toContain(SECRET_CLIENT.client_id);
    wrapClientFind(provider, async () => undefined);
    expect((await clientCredentials(issuer, "plain-secret")).body.error).toBe("invalid_client");
  });

  it("Client.Schema#invalidate reports the https rule for hybrid clients under the codes we let through", async () => {
    const hybrid = {
      client_id: "hybrid",
      client_secret: "s",
      grant_types: ["authorization_code", "implicit"],
      response_types: ["code id_token"],
      redirect_uris: ["http://127.0.0.1:8080/cb"],
    } satisfies ClientMetadata;
    const stock = (await serve()).provider;
    await expect(stock.Client.validate(hybrid)).rejects.toMatchObject({ error_description: expect.stringMatching(/https scheme/) });
    const patched = (await serve()).provider;
    ignoreClientMetadataProblems(patched, ["implicit-force-https", "implicit-forbid-localhost"]);
    await expect(patched.Client.validate(hybrid)).resolves.toBeUndefined();
    await expect(patched.Client.validate({ ...hybrid, redirect_uris: ["http://localhost:8080/cb"] })).resolves.toBeUndefined();
    // Every other problem still counts.
    await expect(patched.Client.validate({ ...hybrid, redirect_uris: [] })).rejects.toMatchObject({
      error_description: expect.stringMatching(/redirect_uris/),
    });
  });

  it("ReplayDetection.unique(iss, jti, exp) decides whether a client assertion was seen", async () => {
    const { publicKey, privateKey } = await generateKeyPair("ES256");
    const jwtClient = {
      client_id: "jwt-client",
      grant_types: ["client_credentials"],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: "private_key_jwt",
      token_endpoint_auth_signing_alg: "ES256",
      jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: "k1" }] },
    } satisfies ClientMetadata;
    const { provider, issuer } = await serve({ clients: [jwtClient] });
    const calls: [string, string, number][] = [];
    let answer = true;
    replaceReplayDetection(provider, async (iss, jti, exp) => {
      calls.push([iss, jti, exp]);
      return answer;
    });
    const assertion = () =>
      new SignJWT({})
        .setProtectedHeader({ alg: "ES256", kid: "k1" })
        .setIssuer("jwt-client")
        .setSubject("jwt-client")
        .setAudience(issuer)
        .setJti(crypto.randomUUID())
        .setIssuedAt()
        .setExpirationTime("1m")
        .sign(privateKey);
    const request = async () =>
      postToken(issuer, {
        grant_type: "client_credentials",
        client_id: "jwt-client",
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: await assertion(),
      });
    expect((await request()).status).toBe(200);
    answer = false;
    expect((await request()).body.error).toBe("invalid_client");
    expect(calls).toHaveLength(2);
    expect(calls[0]![0]).toBe("jwt-client");
    expect(calls[0]![2]).toBeGreaterThan(Date.now() / 1000);
  });

  it("builds a Client from metadata no adapter holds, validated like any other", async () => {
    const { provider } = await serve();
    const client = clientFromMetadata(provider, { ...SECRET_CLIENT, client_id: "stand-in" });
    expect(client).toBeInstanceOf(provider.Client);
    expect(client.clientId).toBe("stand-in");
    expect(client.clientAuthMethod).toBe("client_secret_basic");
    expect(() => clientFromMetadata(provider, { ...SECRET_CLIENT, grant_types: ["no-such-grant"] })).toThrow();
  });

  it("authorization.success hands listeners the very parameters it sends", async () => {
    const { provider } = await serve();
    addIssuerToEveryAuthorizationResponse(provider);
    const out: Record<string, unknown> = { code: "c", id_token: "t" };
    provider.emit("authorization.success", { oidc: { responseMode: "form_post" } }, out);
    expect(out.iss).toBe(provider.issuer);
    // The send itself is checked end to end in hybrid.integration.test.ts (raw form_post).
    const source = readFileSync(require.resolve("oidc-provider/lib/actions/authorization/respond.js"), "utf8");
    expect(source).toMatch(/emit\('authorization\.success', ctx, out\);\s*\n[\s\S]*?await handler\(ctx, params\.redirect_uri, omitBy\(out,/);
  });

  // Calling provider.Client.find() is public API (oidc-provider's own interaction examples
  // do); replacing it is not.
  it("is the only module that touches oidc-provider's internals, in lib/ and app/", () => {
    const INTERNAL =
      /Provider\.ctx\b|\.prototype\.\w+\s*=|compareClientSecret\s*=|\.Schema\b|ReplayDetection\.|Client\.find\s*=|new \w*[pP]rovider\w*\.Client\(|oidc-provider\/lib\/|as unknown as EventEmitter|Provider\)\.\w+|authorization\.success/;
    const offenders = ["lib", "app"].flatMap((dir) =>
      readdirSync(dir, { recursive: true, encoding: "utf8" })
        .map((file) => `${dir}/${file}`)
        .filter((file) => /\.(tsx?|mjs|js)$/.test(file) && !file.includes("generated") && !file.startsWith("lib/oauth/oidc-provider-internals"))
        .filter((file) => INTERNAL.test(readFileSync(file, "utf8"))),
    );
    expect(offenders).toEqual([]);
  });

  it("refuses to patch what is not there any more, naming it", () => {
    const changed = { Client: { prototype: {}, find: () => undefined }, ReplayDetection: { unique: (_a: string) => true } } as unknown as Provider;
    expect(() => overrideClientSecretComparison(changed, async () => true)).toThrow(
      "oidc-provider internals changed: Client#compareClientSecret is not a function",
    );
    expect(() => replaceReplayDetection(changed, async () => true)).toThrow("ReplayDetection.unique takes 1 arguments, not 3");
    expect(() => wrapClientFind(changed, async () => undefined)).toThrow("Client.find takes 0 arguments, not 1");
    expect(() => ignoreClientMetadataProblems(changed, [])).toThrow("Client.Schema is not a class");
  });
});
