import { CONFIDENTIAL_TYPES, type TClientType } from "@/lib/validation/client";

/** Which tab holds what a client proves itself with, besides its Client Id. */
export type ClientCredential = "secrets" | "keys" | null;

/**
 * Secrets (client secret), public keys (signed JWT: the application signs its requests with
 * its own private key) or nothing (authorization code clients are public clients).
 */
export function clientCredential(client: { type: string; securityType: string }): ClientCredential {
  if (!CONFIDENTIAL_TYPES.includes(client.type as TClientType)) return null;
  return client.securityType === "signed-jwt" ? "keys" : "secrets";
}
