import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ServerConfig } from "@/lib/config";
import { createProvider } from "./create-provider";
import { loadOrCreateKeys } from "./signing-keys";

export const IDENTITY_PREFIX = "/identity";

export function isIdentityRequest(url: string | undefined): boolean {
  return url === IDENTITY_PREFIX || !!url?.startsWith(`${IDENTITY_PREFIX}/`) || !!url?.startsWith(`${IDENTITY_PREFIX}?`);
}

/**
 * The token service as a Node request handler for everything under /identity. It strips
 * the prefix the way Express mounting does (oidc-provider derives its public URLs from
 * originalUrl), so the issuer is <base URL>/identity.
 */
export async function createIdentityHandler(config: ServerConfig) {
  const provider = createProvider(config, await loadOrCreateKeys(config.dataDir));
  const callback = provider.callback();
  return (req: IncomingMessage & { originalUrl?: string }, res: ServerResponse) => {
    req.originalUrl = req.url;
    req.url = req.url!.slice(IDENTITY_PREFIX.length) || "/";
    return callback(req, res);
  };
}
