import { describe, expect, it } from "vitest";
import { serverConfig as configOf } from "./config";

const serverConfig = (env: Record<string, string>) => configOf({ NODE_ENV: "production", ...env });

describe("serverConfig: the interface to listen on", () => {
  it("is every interface without development sign-in", () => {
    expect(serverConfig({}).host).toBe("0.0.0.0");
  });

  it("is loopback only with development sign-in, unless HOST is set explicitly", () => {
    expect(serverConfig({ LATCHKEY_DEV_SIGNIN: "1" })).toMatchObject({ host: "127.0.0.1", devSignIn: true });
    expect(serverConfig({ LATCHKEY_DEV_SIGNIN: "1", HOST: "" }).host).toBe("127.0.0.1");
    expect(serverConfig({ LATCHKEY_DEV_SIGNIN: "1", HOST: "0.0.0.0" }).host).toBe("0.0.0.0");
    expect(serverConfig({ HOST: "10.0.0.5" }).host).toBe("10.0.0.5");
  });
});

describe("serverConfig: the log level", () => {
  it("is info unless LATCHKEY_LOG_LEVEL names one of pino's levels (any case)", () => {
    expect(serverConfig({}).logLevel).toBe("info");
    expect(serverConfig({ LATCHKEY_LOG_LEVEL: " Debug " }).logLevel).toBe("debug");
    expect(serverConfig({ LATCHKEY_LOG_LEVEL: "silent" }).logLevel).toBe("silent");
  });

  it("refuses any other level, naming the allowed ones", () => {
    expect(() => serverConfig({ LATCHKEY_LOG_LEVEL: "verbose" })).toThrow(
      'LATCHKEY_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, not "verbose"',
    );
  });
});

describe("serverConfig: the client cache's size", () => {
  it("is 64 MB unless LATCHKEY_CLIENT_CACHE_MB says otherwise, up to 2 GB, which each process allocates at start-up", () => {
    expect(serverConfig({}).clientCacheMb).toBe(64);
    expect(serverConfig({ LATCHKEY_CLIENT_CACHE_MB: "2048" }).clientCacheMb).toBe(2048);
    expect(() => serverConfig({ LATCHKEY_CLIENT_CACHE_MB: "8192" })).toThrow('LATCHKEY_CLIENT_CACHE_MB can be at most 2048, not "8192"');
    expect(() => serverConfig({ LATCHKEY_CLIENT_CACHE_MB: "0" })).toThrow("at least 1");
  });
});
