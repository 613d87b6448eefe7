import type { ConnectInput } from "./connect-input";
import { jsString } from "./quote";

/**
 * openid-client's discovery() call for this client, `auth` being how it authenticates
 * (e.g. "client.ClientSecretBasic(secret)"). openid-client refuses plain http unless told:
 * only a Latchkey served over http (local development) gets that option, with a comment.
 */
export function openidClientDiscovery({ client, urls }: ConnectInput, auth: string): string {
  const call = `client.discovery(new URL(${jsString(urls.issuer)}), ${jsString(client.clientId)}, undefined, ${auth}`;
  if (new URL(urls.issuer).protocol === "https:") return `${call})`;
  return [
    `${call}, {`,
    "  // Only because this Latchkey is served over plain http (development): remove for https.",
    "  execute: [client.allowInsecureRequests],",
    "})",
  ].join("\n");
}
