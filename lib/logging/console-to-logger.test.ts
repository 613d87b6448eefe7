import { afterEach, describe, expect, it } from "vitest";
import { routeConsoleToLogger } from "./console-to-logger";
import { createLogger } from "./logger";

const originals = { log: console.log, info: console.info, debug: console.debug, warn: console.warn, error: console.error };
afterEach(() => Object.assign(console, originals));

describe("routeConsoleToLogger", () => {
  it("turns console lines into the logger's JSON lines, colours gone, errors serialized", () => {
    const lines: Record<string, unknown>[] = [];
    routeConsoleToLogger(
      createLogger({ level: "info", destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } }),
    );
    console.log("\u001b[32m✓\u001b[39m Running next.config.js took %dms", 903);
    console.warn("careful");
    console.error("render failed:", new Error("boom"));
    console.error(new Error("alone"));
    console.debug("below the level");
    expect(lines).toMatchObject([
      { level: 30, msg: "✓ Running next.config.js took 903ms", source: "console" },
      { level: 40, msg: "careful" },
      { level: 50, msg: "render failed:", err: { message: "boom", stack: expect.stringContaining("Error: boom") } },
      { level: 50, msg: "alone", err: { message: "alone" } },
    ]);
    expect(lines).toHaveLength(4);
  });
});
