// Test data for the audit, settings and environments journeys.
import { latchkey, runScript } from "./cli";

/** `count` environments named "<prefix> 01"…, each leaving an environment.create audit entry. */
export function seedEnvironments(tenant: string, count: number, prefix: string): void {
  runScript("e2e/support/seed-environments.ts", [tenant, String(count), prefix]);
}

/** A client-credentials client in the given environment, through the CLI (`--environment` takes its name). */
export function createClientInEnvironment(tenant: string, name: string, environment: string): { clientId: string; clientSecret: string } {
  return latchkey(["clients", "create", "--tenant", tenant, "--type", "client-credentials", "--name", name, "--environment", environment]);
}
