import type { TokenServiceUrls } from "@/lib/oauth/token-service-urls";
import type { TClientType, TSecurityType } from "@/lib/validation/client";

/** Where the snippets read what must never be written into code. */
export const SECRET_ENV = "LATCHKEY_CLIENT_SECRET";
export const PRIVATE_KEY_ENV = "LATCHKEY_PRIVATE_KEY_FILE";

/** What the snippets need to know about a client: public facts only, never a secret. */
export type ConnectClient = {
  clientId: string;
  name: string;
  type: TClientType;
  securityType: TSecurityType;
  allowRefreshToken: boolean;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** The roles its client-credentials tokens carry (the `roles` claim). */
  roles: string[];
  /** Its registered public keys (signed JWT), oldest first. */
  keys: { kid: string; alg: string }[];
};

export type ConnectInput = {
  client: ConnectClient;
  urls: TokenServiceUrls;
  /** The scopes a person's sign-in asks for (the token service's user scopes). */
  userScopes: string;
};

export type Snippet = {
  /** Stable, for the tab's id and for tests. */
  id: string;
  label: string;
  /** What to install and how to run it, shown above the code. */
  note: string;
  code: string;
};

/** How the application gets its tokens, which decides the page's explanation. */
export type ConnectFlow = "client-secret" | "signed-jwt" | "browser" | "server";
export type ConnectSnippets = { flow: ConnectFlow; snippets: Snippet[] };
