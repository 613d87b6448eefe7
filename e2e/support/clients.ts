// Test data for the client journeys (all three types), created through the admin CLI: the
// same domain functions as the portal.
import { latchkey } from "./cli";

export type CliCreatedClient = { clientId: string; name: string; clientSecret?: string };

/** `clients create` with the given flags, e.g. ["--type", "hybrid", "--redirect-uri", url]. */
export function createClientWithCli(tenant: string, name: string, flags: string[]): CliCreatedClient {
  return latchkey<CliCreatedClient>(["clients", "create", "--tenant", tenant, "--name", name, ...flags]);
}

/** Sets the tenant's client-name policy through the CLI (the settings screen is tested elsewhere). */
export function setClientNamePolicy(tenant: string, policy: string | null): void {
  latchkey(["settings", "set", "--tenant", tenant, "--client-name-policy", policy ?? "none"]);
}
