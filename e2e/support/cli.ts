// Runs code against the end-to-end server's database: the admin CLI (the same domain
// functions as the portal), or one of the small seeding scripts in this folder.
import { execFileSync } from "node:child_process";
import { e2eServerEnv } from "./e2e-env";

/** A TypeScript file run with tsx (e.g. "e2e/support/seed-tenant.ts"); returns its stdout. */
export function runScript(file: string, args: string[] = []): string {
  return execFileSync("tsx", ["--tsconfig", "tsconfig.node.json", file, ...args], {
    env: { ...process.env, ...e2eServerEnv() },
    maxBuffer: 64 * 1024 * 1024,
  }).toString();
}

/** `npm run latchkey -- <args> --json`, parsed. */
export function latchkey<T>(args: string[]): T {
  return JSON.parse(runScript("lib/cli/main.ts", [...args, "--json"])) as T;
}
