import { createServer, request, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { logRequests } from "./log-requests";
import type { Logger } from "pino";
import { createLogger } from "./logger";

type Line = Record<string, unknown>;

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A real server on an ephemeral port behind logRequests, with its log lines kept as parsed JSON. */
async function serve(
  trustProxy: boolean,
  handler: (log: Logger) => RequestListener = () => (_req, res) => res.end("ok"),
): Promise<{ url: string; lines: Line[] }> {
  const lines: Line[] = [];
  const log = createLogger({ level: "info", destination: { write: (line: string) => void lines.push(JSON.parse(line) as Line) } });
  server = createServer(logRequests({ trustProxy }, handler(log), log));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, lines };
}

/** The request's line, which is written once the answer has gone out. */
async function lineFor(lines: Line[], reqId: string): Promise<Line> {
  const mine = () => lines.filter((line) => line.msg === "request" && line.reqId === reqId);
  for (let i = 0; i < 100 && mine().length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(mine()).toHaveLength(1);
  return mine()[0]!;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("logRequests", () => {
  it("logs method, path, status, duration and request id as one JSON line, and returns the id", async () => {
    const { url, lines } = await serve(false, () => (_req, res) => {
      res.statusCode = 201;
      setTimeout(() => res.end("made"), 30);
    });
    const response = await fetch(`${url}/t/acme/clients`, { method: "POST" });
    const reqId = response.headers.get("x-request-id")!;
    expect(reqId).toMatch(UUID);
    const line = await lineFor(lines, reqId);
    expect(line).toMatchObject({ level: 30, msg: "request", method: "POST", path: "/t/acme/clients", status: 201, reqId });
    expect(line.durationMs).toBeGreaterThanOrEqual(25);
    expect(line.aborted).toBeUndefined();
    expect(typeof line.time).toBe("string");
  });

  it("never logs a query string, nor an interaction's id (its cookies' value)", async () => {
    const { url, lines } = await serve(false);
    const paths = {
      "/identity/auth?client_id=app&code_challenge=abc&state=st4te": "/identity/auth",
      "/identity/token?code=c0de-in-query": "/identity/token",
      "/api/auth/callback/oidc?code=idp-c0de&state=idp-st4te": "/api/auth/callback/oidc",
      "/signin?callbackUrl=%2Fidentity%2Finteraction%2Fsecret-uid": "/signin",
      "/t/acme/clients?q=payroll+robot": "/t/acme/clients",
      "/identity/interaction/Uid_123-abc": "/identity/interaction/:uid",
      "/identity/auth/Uid_123-abc": "/identity/auth/:uid",
    };
    for (const [path, logged] of Object.entries(paths)) {
      const response = await fetch(url + path);
      expect((await lineFor(lines, response.headers.get("x-request-id")!)).path, path).toBe(logged);
    }
    const text = JSON.stringify(lines);
    for (const secret of ["c0de", "st4te", "secret-uid", "payroll", "Uid_123", "callbackUrl", "code_challenge"]) expect(text).not.toContain(secret);
  });

  it("logs no header, body or cookie of the request or the answer", async () => {
    const { url, lines } = await serve(false, () => (req, res) => {
      req.resume();
      res.setHeader("set-cookie", "session=answer-cookie-value");
      res.end("answer-body-value");
    });
    const response = await fetch(`${url}/identity/token`, {
      method: "POST",
      headers: { authorization: "Basic aGVhZGVyLXNlY3JldA==", cookie: "session=request-cookie-value", "x-custom": "custom-header-value" },
      body: "grant_type=client_credentials&client_secret=body-secret-value",
    });
    await response.text();
    const line = await lineFor(lines, response.headers.get("x-request-id")!);
    expect(Object.keys(line).sort()).toEqual(["durationMs", "hostname", "level", "method", "msg", "path", "pid", "reqId", "status", "time"]);
    for (const value of ["aGVhZGVy", "request-cookie-value", "custom-header-value", "body-secret-value", "answer-cookie-value", "answer-body-value"]) {
      expect(JSON.stringify(line)).not.toContain(value);
    }
  });

  it("honour X-Request-Id only from a trusted proxy, and only a short plain one", async () => {
    const untrusted = await serve(false);
    const given = await fetch(untrusted.url, { headers: { "x-request-id": "lb-7f3a.1_b" } });
    const replaced = given.headers.get("x-request-id")!;
    expect(replaced).toMatch(UUID);
    await lineFor(untrusted.lines, replaced);
    server!.closeAllConnections();
    await new Promise((resolve) => server!.close(resolve));

    const trusted = await serve(true);
    const honoured = await fetch(trusted.url, { headers: { "x-request-id": "lb-7f3a.1_b" } });
    expect(honoured.headers.get("x-request-id")).toBe("lb-7f3a.1_b");
    await lineFor(trusted.lines, "lb-7f3a.1_b");
    for (const bad of ["has space", "x".repeat(129), "new\\nline", '{"level":60}', "a,b", "ü"]) {
      const response = await fetch(trusted.url, { headers: { "x-request-id": encodeURI(bad) === bad ? bad : encodeURIComponent(bad) } });
      const id = response.headers.get("x-request-id")!;
      expect(id, bad).toMatch(UUID);
      await lineFor(trusted.lines, id);
    }
    // Two headers arrive joined ("one, two"): neither is taken.
    const { port } = server!.address() as AddressInfo;
    const twice = await new Promise<string>((resolve, reject) => {
      const req = request({ port, host: "127.0.0.1" }, (res) => {
        res.resume();
        resolve(String(res.headers["x-request-id"]));
      });
      req.setHeader("x-request-id", ["one", "two"]);
      req.on("error", reject).end();
    });
    expect(twice).toMatch(UUID);
  });

  it("logs a request the client gave up on when it closes, marked aborted, and an answer of 500 at level error", async () => {
    const { url, lines } = await serve(false, () => (req, res) => {
      if (req.url === "/fail") {
        res.statusCode = 500;
        return void res.end();
      }
      // Never answered: the client aborts.
    });
    const failed = await fetch(`${url}/fail`);
    expect((await lineFor(lines, failed.headers.get("x-request-id")!)).level).toBe(50);

    const controller = new AbortController();
    const pending = fetch(`${url}/slow`, { signal: controller.signal }).catch(() => "aborted");
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    expect(await pending).toBe("aborted");
    for (let i = 0; i < 100 && !lines.some((line) => line.path === "/slow"); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(lines.find((line) => line.path === "/slow")).toMatchObject({ method: "GET", aborted: true, status: 200, reqId: expect.stringMatching(UUID) });
  });

  it("give every line logged while a request is handled that request's id, and none outside", async () => {
    const { url, lines } = await serve(false, (log) => (_req, res) => {
      setTimeout(() => {
        log.warn({ detail: 1 }, "inside");
        res.end();
      }, 5);
    });
    const reqId = (await fetch(url)).headers.get("x-request-id")!;
    await lineFor(lines, reqId);
    expect(lines.find((line) => line.msg === "inside")).toMatchObject({ reqId, detail: 1, level: 40 });
  });
});
