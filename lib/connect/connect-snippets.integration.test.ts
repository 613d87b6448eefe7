// The Connect tab's Node.js snippets run for real, as an application would run them, against
// the real token service: each prints an access token for its client. (The browser test runs
// the curl and Node.js snippets of a client made in the portal; this covers signed JWTs.)
import { execFile } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "@/lib/clients/create-client";
import { getClient } from "@/lib/clients/get-client";
import { createTestTenant, clientInput, signedJwtClientInput, type TestTenant } from "@/lib/testing/fixtures";
import { discoverServerMetadata, startTokenService, type TestTokenService } from "@/lib/testing/start-token-service";
import { tokenServiceUrls } from "@/lib/oauth/token-service-urls";
import { PRIVATE_KEY_ENV, SECRET_ENV } from "./connect-input";
import { connectSnippets } from "./connect-snippets";
import { getConnectInput } from "./get-connect-input";
import { onlyEnv } from "@/lib/testing/only-env";

const run = promisify(execFile);
let service: TestTokenService;
let tenant: TestTenant;
// Inside the checkout, so the snippets' imports resolve from its node_modules like an app's would.
const scratch = mkdtempSync(path.join(process.cwd(), "data", "snippets-"));

beforeAll(async () => {
  service = await startTokenService();
  tenant = await createTestTenant("connect");
});

afterAll(async () => {
  await service?.close();
  rmSync(scratch, { recursive: true, force: true });
});

async function snippetsOf(clientId: string) {
  return connectSnippets(await getConnectInput(tenant.admin, await getClient(tenant.admin, clientId), service.config)).snippets;
}

/** Runs a snippet with only the given environment (and PATH) and returns what it printed. */
async function runNode(code: string, env: Record<string, string>): Promise<string> {
  const file = path.join(scratch, `${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, code);
  const { stdout } = await run(process.execPath, [file], { env: onlyEnv(env), timeout: 15_000 });
  return stdout.trim();
}

function expectAccessToken(output: string, clientId: string) {
  expect(output).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  expect(decodeJwt(output)).toMatchObject({ client_id: clientId, iss: service.issuer, aud: `${service.baseUrl}/api`, tenant: tenant.slug });
}

describe("the token service's addresses on the Connect tab", () => {
  it("are the ones its discovery document gives", async () => {
    const metadata = await discoverServerMetadata(service.issuer);
    const urls = tokenServiceUrls(service.config);
    expect({
      issuer: metadata.issuer,
      authorization: metadata.authorization_endpoint,
      token: metadata.token_endpoint,
      jwks: metadata.jwks_uri,
      userinfo: metadata.userinfo_endpoint,
      endSession: metadata.end_session_endpoint,
    }).toEqual({
      issuer: urls.issuer,
      authorization: urls.authorization,
      token: urls.token,
      jwks: urls.jwks,
      userinfo: urls.userinfo,
      endSession: urls.endSession,
    });
    expect((await fetch(urls.discovery)).status).toBe(200);
  });
});

describe("Node.js snippets", () => {
  it("client credentials with a secret: openid-client gets a token with the secret from the environment", async () => {
    const client = await createClient(tenant.admin, clientInput());
    const node = (await snippetsOf(client.clientId)).find((s) => s.id === "node")!;
    expectAccessToken(await runNode(node.code, { [SECRET_ENV]: client.secret.plaintext }), client.clientId);
    // Without the secret it stops with a message, not a request.
    await expect(runNode(node.code, {})).rejects.toThrow(`Set ${SECRET_ENV} to the client secret`);
  });

  it.each([
    ["EC P-256", () => generateKeyPairSync("ec", { namedCurve: "P-256" })],
    ["RSA", () => generateKeyPairSync("rsa", { modulusLength: 2048 })],
    ["Ed25519", () => generateKeyPairSync("ed25519")],
  ])("signed JWT with an %s key: openid-client and jose both get a token with the private key file", async (_, generate) => {
    const { publicKey, privateKey } = generate();
    const client = await createClient(tenant.admin, signedJwtClientInput(publicKey.export({ type: "spki", format: "pem" }) as string));
    const keyFile = path.join(scratch, `${client.clientId}.pem`);
    writeFileSync(keyFile, privateKey.export({ type: "pkcs8", format: "pem" }) as string);
    const snippets = await snippetsOf(client.clientId);
    for (const id of ["node", "node-jose"]) {
      expectAccessToken(await runNode(snippets.find((s) => s.id === id)!.code, { [PRIVATE_KEY_ENV]: keyFile }), client.clientId);
    }
  });
});
