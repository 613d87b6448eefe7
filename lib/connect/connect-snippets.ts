import { clientSecretSnippets } from "./client-secret-snippets";
import type { ConnectInput, ConnectSnippets } from "./connect-input";
import { signedJwtSnippets } from "./signed-jwt-snippets";
import { browserSignInSnippets, serverSignInSnippets } from "./sign-in-snippets";

/**
 * The Connect tab's snippets for a client, by how it gets tokens (seed 003's three types,
 * seed 004's security type). Pure: the page gathers the client's public facts and the
 * token service's URLs; nothing here can see a secret.
 */
export function connectSnippets(input: ConnectInput): ConnectSnippets {
  switch (input.client.type) {
    case "client-credentials":
      return input.client.securityType === "signed-jwt"
        ? { flow: "signed-jwt", snippets: signedJwtSnippets(input) }
        : { flow: "client-secret", snippets: clientSecretSnippets(input) };
    case "authorization-code":
      return { flow: "browser", snippets: browserSignInSnippets(input) };
    case "hybrid":
      return { flow: "server", snippets: serverSignInSnippets(input) };
  }
}
