import { runScript } from "./cli";

export type ListedClient = { name: string; clientId: string; type: string };

/** Twelve clients for the list journey (see seed-clients-list.ts), oldest first. */
export function seedClientsList(slug: string): ListedClient[] {
  return JSON.parse(runScript("e2e/support/seed-clients-list.ts", [slug])) as ListedClient[];
}
