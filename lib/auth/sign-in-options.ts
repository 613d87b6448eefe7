// Which sign-in methods are on. Read by the sign-in page and by next-auth's options.
import { serverConfig } from "@/lib/config";

export type OidcSettings = { issuer: string; clientId: string; clientSecret: string; name: string };

export function oidcSettings(env: NodeJS.ProcessEnv = process.env): OidcSettings | null {
  const issuer = env.LATCHKEY_OIDC_ISSUER?.replace(/\/+$/, "");
  const clientId = env.LATCHKEY_OIDC_CLIENT_ID;
  const clientSecret = env.LATCHKEY_OIDC_CLIENT_SECRET;
  if (!issuer || !clientId || !clientSecret) return null;
  return { issuer, clientId, clientSecret, name: env.LATCHKEY_OIDC_NAME || "your identity provider" };
}

/**
 * Development sign-in (email only, no password) is for the embedded demo: on only when
 * LATCHKEY_DEV_SIGNIN=1 is set explicitly (lib/config.ts reads it, with the other variables).
 */
export function devSignInEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return serverConfig(env).devSignIn;
}
