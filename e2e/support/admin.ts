// Test data for the audit, settings and environments journeys.
import { execFileSync } from "node:child_process";
import { e2eServerEnv } from "./e2e-env";

/** `count` environments named "<prefix> 01"…, each leaving an environment.create audit entry. */
export function seedEnvironments(tenant: string, count: number, prefix: string): void {
  execFileSync("tsx", ["--tsconfig", "tsconfig.node.json", "e2e/support/seed-environments.ts", tenant, String(count), prefix], {
    env: { ...process.env, ...e2eServerEnv() },
  });
}

/** A client-credentials client in the given environment, through the CLI (`--environment` takes its name). */
export function createClientInEnvironment(tenant: string, name: string, environment: string): { clientId: string; clientSecret: string } {
  const args = ["--tsconfig", "tsconfig.node.json", "lib/cli/main.ts", "clients", "create", "--tenant", tenant, "--type", "client-credentials"];
  const out = execFileSync("tsx", [...args, "--name", name, "--environment", environment, "--json"], { env: { ...process.env, ...e2eServerEnv() } });
  return JSON.parse(out.toString()) as { clientId: string; clientSecret: string };
}
