// 1,000 malformed requests to the token service's client endpoints: wrong content types,
// oversized, truncated and garbled bodies, duplicated parameters, broken Authorization
// headers. None may be answered with a 5xx, and the server must go on serving.
import { randomBytes } from "node:crypto";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type CreatedConfidentialClient } from "@/lib/clients/create-client";
import { captureOutput } from "@/lib/testing/capture-output";
import { clientInput, createTestTenant } from "@/lib/testing/fixtures";
import { startTokenService, type TestTokenService } from "@/lib/testing/start-token-service";
import { postToken } from "@/lib/testing/post-token";

let service: TestTokenService;
let client: CreatedConfidentialClient;

beforeAll(async () => {
  // The limits on failed authentications would turn most of these into 429s; here the
  // point is how each malformed request itself is answered.
  service = await startTokenService({ LATCHKEY_AUTH_FAILURES_PER_ADDRESS: "1000000", LATCHKEY_AUTH_FAILURES_PER_CLIENT: "1000000" });
  client = await createClient((await createTestTenant("malformed")).admin, clientInput());
});

afterAll(async () => {
  await service?.close();
});

type Attempt = { path: string; method?: string; headers?: Record<string, string>; body?: string | Buffer };

const PATHS = ["/token", "/token/introspection", "/token/revocation", "/me", "/auth", "/session/end/confirm", "/jwks"];
const FORM = "application/x-www-form-urlencoded";

/** A deterministic generator (mulberry32), so a failure can be reproduced from its seed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function attempts(count: number, seed: number): Attempt[] {
  const next = random(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)]!;
  const basic = (text: string) => `Basic ${Buffer.from(text).toString("base64")}`; // also texts that are no id:secret pair
  const kinds: (() => Attempt)[] = [
    () => ({
      path: "/token",
      headers: {
        "content-type": pick(["text/plain", "application/json", "multipart/form-data; boundary=x", "application/xml", `${FORM}; charset=utf-16`, "*/*", ";;;"]),
      },
      body: pick(['{"grant_type":"client_credentials"}', "grant_type=client_credentials", "<x/>", "--x--"]),
    }),
    () => ({ path: pick(PATHS), headers: { "content-type": FORM }, body: "grant_type=client_credentials&" + "a=".repeat(Math.floor(next() * 40_000)) }),
    () => ({ path: pick(PATHS), headers: { "content-type": FORM }, body: randomBytes(Math.floor(next() * 4096)) }),
    () => ({
      path: "/token",
      headers: { "content-type": FORM },
      body: pick([
        "%zz",
        "%",
        "grant_type=%E0%A4%A",
        "client_id=%00",
        "\u0000\u0000",
        "==&&==",
        "grant_type[]=x",
        "grant_type=client_credentials&grant_type=client_credentials",
        `client_id=${client.clientId}&client_id=${client.clientId}&client_secret=x&grant_type=client_credentials`,
        `client_secret=a&client_secret=b&client_id=${client.clientId}&grant_type=client_credentials`,
      ]),
    }),
    () => ({
      path: pick(["/token", "/token/introspection", "/token/revocation"]),
      headers: {
        "content-type": FORM,
        authorization: pick([
          "Basic",
          "Basic !!!",
          basic("no-colon"),
          basic(":"),
          basic(`${client.clientId}:`),
          basic(`%zz:%zz`),
          basic(`${"x".repeat(5000)}:y`),
          "Bearer abc",
          `Basic ${"A".repeat(10_000)}`,
          "Digest x",
        ]),
      },
      body: pick(["grant_type=client_credentials", "token=abc", ""]),
    }),
    () => ({
      path: "/token",
      headers: { "content-type": FORM, authorization: basic(`${client.clientId}:${client.secret.plaintext}`) },
      body: pick([
        "grant_type=",
        "grant_type=password&username=a&password=b",
        "grant_type=authorization_code&code=x",
        "grant_type=refresh_token",
        "grant_type=client_credentials&resource=https://elsewhere.example.com",
        "grant_type=client_credentials&resource=a&resource=b",
        "grant_type=client_credentials&scope=" + "s ".repeat(500),
      ]),
    }),
    () => ({
      path: "/token",
      headers: { "content-type": FORM },
      body: `grant_type=client_credentials&client_id=${client.clientId}&client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer&client_assertion=${pick(["x", "a.b.c", "eyJhbGciOiJub25lIn0.e30.", randomBytes(200).toString("base64url")])}`,
    }),
    () => ({
      path: pick(PATHS),
      method: pick(["GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]),
      headers: { origin: pick(["null", "https://evil.example.com", "x"]), "access-control-request-method": "POST" },
    }),
    () => ({
      path: pick(["/me", "/token/introspection"]),
      method: "POST",
      headers: {
        "content-type": FORM,
        authorization: pick(["Bearer ", "Bearer a.b.c", `Bearer ${"e".repeat(20_000)}`, "Bearer eyJhbGciOiJFUzI1NiJ9.e30.AAAA"]),
      },
      body: "token=a.b.c",
    }),
    () => ({ path: "/token?" + "x=1&".repeat(Math.floor(next() * 500)), headers: { "content-type": FORM }, body: "grant_type=client_credentials" }),
  ];
  return Array.from({ length: count }, () => pick(kinds)());
}

async function send(attempt: Attempt): Promise<number> {
  const response = await fetch(`${service.issuer}${attempt.path}`, {
    method: attempt.method ?? "POST",
    headers: attempt.headers,
    body:
      attempt.method && attempt.method !== "POST" ? undefined : typeof attempt.body === "string" || !attempt.body ? attempt.body : new Uint8Array(attempt.body),
    redirect: "manual",
  });
  await response.arrayBuffer();
  return response.status;
}

/** Raw HTTP that a fetch client cannot send: a body shorter than its Content-Length, then a hang-up. */
function truncated(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(new URL(service.baseUrl).port as unknown as number, "127.0.0.1", () => {
      socket.write(`POST /identity/token HTTP/1.1\r\nHost: x\r\nContent-Type: ${FORM}\r\nContent-Length: 500\r\nConnection: close\r\n\r\ngrant_type=cli`);
      socket.end();
    });
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk));
    socket.on("close", () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
    socket.on("error", reject);
  });
}

describe("malformed requests", () => {
  it("get a 4xx, never a 5xx, leave the server serving, and log no secret", async () => {
    const output = captureOutput();
    const statuses = new Map<number, number>();
    const batch = attempts(980, 4242);
    for (let i = 0; i < batch.length; i += 20) {
      const answered = await Promise.all(batch.slice(i, i + 20).map(send));
      for (const status of answered) statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    for (let i = 0; i < 20; i++) {
      const status = await truncated();
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    const counted = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(counted).toBe(1000);
    const serverErrors = [...statuses].filter(([status]) => status >= 500 || status === 0);
    expect(serverErrors, JSON.stringify(Object.fromEntries(statuses))).toEqual([]);

    // Still serving: a well-formed request gets its token.
    const answer = await postToken(
      service.issuer,
      { grant_type: "client_credentials" },
      { basic: { clientId: client.clientId, secret: client.secret.plaintext } },
    );
    expect(answer.status).toBe(200);
    output.stop();
    // Some of the malformed requests carried the real secret (duplicated parameters).
    expect(output.text()).not.toContain(client.secret.plaintext);
  }, 120_000);
});
