// In production every line the server writes is the logger's JSON, so a log shipper needs
// no second parser: what Next.js and the libraries print with console.* (Next's start-up
// line, its render errors, oidc-provider's warnings) becomes a line of the logger's too.
import { format, stripVTControlCharacters } from "node:util";
import type { Logger } from "pino";
import { logger } from "./logger";

export function routeConsoleToLogger(log: Logger = logger): void {
  const levels = { log: "info", info: "info", debug: "debug", warn: "warn", error: "error" } as const;
  for (const [method, level] of Object.entries(levels) as [keyof typeof levels, (typeof levels)[keyof typeof levels]][]) {
    console[method] = (...args: unknown[]) => {
      // An error goes to the serializer (message, stack); the rest of the arguments are the message.
      const err = args.find((arg) => arg instanceof Error);
      const rest = args.filter((arg) => arg !== err);
      const msg = rest.length > 0 ? stripVTControlCharacters(format(...rest)).trim() : (err as Error).message;
      log[level]({ source: "console", ...(err ? { err } : {}) }, msg);
    };
  }
}
