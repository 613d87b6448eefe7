// The end-to-end server's output (playwright.config.ts tees it to E2E_SERVER_LOG): JSON
// lines from the logger (lib/logging/logger.ts), so specs can prove what is and is not in it.
import { readFileSync } from "node:fs";
import { expect } from "@playwright/test";
import { E2E_SERVER_LOG } from "./e2e-env";

export type LogEntry = Record<string, unknown> & { level: number; time: string; msg: string };

export function readServerLog(): string {
  return readFileSync(E2E_SERVER_LOG, "utf8");
}

// npm's own two lines before the server starts ("> latchkey@0.1.0 start", "> NODE_ENV=…").
const NPM_BANNER = /^> /;

/** Every line the server wrote, parsed; a line that is not the logger's JSON fails the spec. */
export function serverLogEntries(): LogEntry[] {
  return readServerLog()
    .split("\n")
    .filter((line) => line.trim() !== "" && !NPM_BANNER.test(line))
    .map((line) => {
      let entry: unknown;
      expect(() => (entry = JSON.parse(line)), `a log line that is not JSON: ${line.slice(0, 200)}`).not.toThrow();
      expect(entry, line.slice(0, 200)).toMatchObject({ level: expect.any(Number), time: expect.any(String), msg: expect.any(String) });
      return entry as LogEntry;
    });
}

/**
 * None of the values is in the server's output, as it is, URL-encoded, or escaped in a JSON
 * string. Keyed by what each is, so a failure names it without printing it.
 */
export function expectAbsentFromServerLog(values: Record<string, string | string[]>): void {
  const log = readServerLog();
  for (const [what, some] of Object.entries(values)) {
    for (const value of [some].flat()) {
      for (const form of new Set([value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)])) {
        expect(log.includes(form), `the server log holds ${what}`).toBe(false);
      }
    }
  }
}
