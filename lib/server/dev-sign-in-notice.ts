import type { ServerConfig } from "@/lib/config";

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

/**
 * The one loud start-up line when development sign-in is on (null when it is off), so a
 * log never leaves an operator guessing whether a password-less sign-in is open.
 */
export function devSignInNotice(config: Pick<ServerConfig, "devSignIn" | "host" | "baseUrl">): string | null {
  if (!config.devSignIn) return null;
  const reach = LOOPBACK.has(config.host)
    ? `listening on ${config.host} only: meant for a developer on this machine`
    : `listening on ${config.host} because HOST says so: anyone who can reach it and knows a member's email is signed in as that member`;
  return `!!! DEVELOPMENT SIGN-IN IS ON (LATCHKEY_DEV_SIGNIN=1): email only, no password, ${reach}. Never use it in production: unset LATCHKEY_DEV_SIGNIN and configure LATCHKEY_OIDC_ISSUER. (${config.baseUrl}) !!!`;
}
