import { describe, expect, it } from "vitest";
import { captureOutput } from "@/lib/testing/capture-output";
import { CENSOR, createLogger, createRequestLogger } from "./logger";

function capture(level = "info") {
  const lines: string[] = [];
  return { lines, log: createLogger({ level, destination: { write: (line: string) => void lines.push(line) } }) };
}

describe("the logger", () => {
  it("censors credentials by field name, at any of the first three levels, and the headers that carry them", () => {
    const { lines, log } = capture();
    const secrets = {
      client_secret: "s-client-secret",
      client_assertion: "s-assertion",
      code: "s-code",
      code_verifier: "s-verifier",
      refresh_token: "s-refresh",
      access_token: "s-access",
      id_token: "s-id-token",
      password: "s-password",
      secret: "s-secret",
      token: "s-token",
    };
    log.info({ ...secrets, body: secrets, request: { form: secrets, headers: { authorization: "Basic s-basic", cookie: "s-cookie" } } }, "fields");
    log.info({ headers: { authorization: "Bearer s-bearer", "set-cookie": ["s-set-cookie"], "proxy-authorization": "s-proxy" } }, "headers");
    const text = lines.join("");
    expect(text).not.toMatch(/s-[a-z]/);
    const [fields] = lines.map((line) => JSON.parse(line) as Record<string, Record<string, unknown>>);
    expect(fields!.code).toBe(CENSOR);
    expect(fields!.body!.token).toBe(CENSOR);
  });

  it("keeps an error's message, stack and a plain error code, but not a code shaped like a credential", () => {
    const { lines, log } = capture();
    log.error({ err: Object.assign(new Error("no such file"), { code: "ENOENT" }) }, "failed");
    log.error({ err: Object.assign(new Error("bad grant"), { code: "Xy7-looks_like_an-authorization-code" }) }, "failed");
    const [plain, odd] = lines.map((line) => JSON.parse(line) as { err: Record<string, unknown> });
    expect(plain!.err).toMatchObject({ message: "no such file", errorCode: "ENOENT", stack: expect.stringContaining("Error: no such file") });
    expect(odd!.err.errorCode).toBeUndefined();
    expect(lines.join("")).not.toContain("looks_like");
  });

  it("writes JSON lines through process.stdout in production and readable lines in development", () => {
    const output = captureOutput();
    try {
      createLogger({ level: "info", pretty: false }).info({ clientId: "c1" }, "json line");
      createLogger({ level: "info", pretty: true }).warn({ clientId: "c2" }, "pretty line");
    } finally {
      output.stop();
    }
    const [json, ...pretty] = output.text().split("\n");
    expect(JSON.parse(json!)).toMatchObject({ level: 30, msg: "json line", clientId: "c1" });
    expect(pretty.join("\n")).toMatch(/WARN.*pretty line[\s\S]*clientId: "c2"/);
  });

  it("writes a turn's request lines through process.stdout at once, after the turn, in production", async () => {
    const output = captureOutput();
    try {
      const log = createRequestLogger({ level: "info", pretty: false });
      log.info({ status: 200 }, "first");
      log.info({ status: 401 }, "second");
      expect(output.text()).toBe("");
      await new Promise((resolve) => setImmediate(resolve));
      log.info({ status: 200 }, "third");
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      output.stop();
    }
    const writes = output.writes().filter((text) => text.includes('"status":'));
    expect(writes).toHaveLength(2);
    expect(
      writes
        .join("")
        .trimEnd()
        .split("\n")
        .map((line) => (JSON.parse(line) as { msg: string }).msg),
    ).toEqual(["first", "second", "third"]);
  });

  it("logs nothing below its level", () => {
    const { lines, log } = capture("warn");
    log.info("quiet");
    log.warn("loud");
    expect(lines).toHaveLength(1);
  });
});
