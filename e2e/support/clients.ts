// Test data for the client journeys (all three types), created through the admin CLI: the
// same domain functions as the portal.
import { execFileSync } from "node:child_process";
import { e2eServerEnv } from "./e2e-env";

const options = () => ({ env: { ...process.env, ...e2eServerEnv() } });

export type CliCreatedClient = { clientId: string; name: string; clientSecret?: string };

/** `clients create` with the given flags, e.g. ["--type", "hybrid", "--redirect-uri", url]. */
export function createClientWithCli(tenant: string, name: string, flags: string[]): CliCreatedClient {
  const args = ["--tsconfig", "tsconfig.node.json", "lib/cli/main.ts", "clients", "create", "--tenant", tenant, "--name", name, ...flags, "--json"];
  return JSON.parse(execFileSync("tsx", args, options()).toString()) as CliCreatedClient;
}

/** Sets the tenant's client-name policy behind the portal's back (the settings screen is tested elsewhere). */
export function setClientNamePolicy(tenant: string, policy: string | null): void {
  execFileSync("tsx", ["--tsconfig", "tsconfig.node.json", "e2e/support/set-client-name-policy.ts", tenant, policy ?? ""], options());
}
