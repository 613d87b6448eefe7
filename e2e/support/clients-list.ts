import { execFileSync } from "node:child_process";
import { e2eServerEnv } from "./e2e-env";

export type ListedClient = { name: string; clientId: string; type: string };

/** Twelve clients for the list journey (see seed-clients-list.ts), oldest first. */
export function seedClientsList(slug: string): ListedClient[] {
  const out = execFileSync("tsx", ["--tsconfig", "tsconfig.node.json", "e2e/support/seed-clients-list.ts", slug], {
    env: { ...process.env, ...e2eServerEnv() },
  });
  return JSON.parse(out.toString()) as ListedClient[];
}
