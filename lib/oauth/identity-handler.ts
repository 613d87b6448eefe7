import "server-only";
import { hkdfSync } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ServerConfig } from "@/lib/config";
import { db } from "@/lib/db/prisma";
import { addMissingHeaders, securityHeaders } from "@/lib/http/security-headers";
import { AuthFailureLimiter, deleteEndedAuthFailureCounts } from "./auth-failure-limiter";
import { deleteOldClientAuthFailures } from "./client-auth-failures";
import { createProvider } from "./create-provider";
import { IDENTITY_PREFIX } from "./identity-paths";
import { sweepPortalSessions } from "@/lib/sessions/sweep-portal-sessions";
import { deleteExpiredRecords } from "./database-adapter";
import { deleteRetiredSigningKeys, ensureSigningKeys, KEY_POLL_INTERVAL_MS, loadKeySet, type KeySet } from "./signing-keys";
import { configureClientCache } from "./client-cache";
import { logger, messageOf } from "@/lib/logging/logger";

const MAINTENANCE_INTERVAL_MS = 10 * 60_000;

export function isIdentityRequest(url: string | undefined): boolean {
  return url === IDENTITY_PREFIX || !!url?.startsWith(`${IDENTITY_PREFIX}/`) || !!url?.startsWith(`${IDENTITY_PREFIX}?`);
}

export type IdentityHandler = ((req: IncomingMessage & { originalUrl?: string }, res: ServerResponse) => void) & {
  close(): void;
  /** Whether a key to sign tokens with is loaded (for /readyz). */
  hasSigningKey(): boolean;
};

/**
 * The token service as a Node request handler for everything under /identity. It strips
 * the prefix the way Express mounting does (oidc-provider derives its public URLs from
 * originalUrl), so the issuer is <base URL>/identity.
 *
 * The provider is rebuilt when the signing keys change (a rotation was published, a new
 * key starts signing, an old one retires): every process re-reads them each second, so a
 * key published for at least a few seconds is in every JWKS before it signs anything.
 */
export async function createIdentityHandler(config: ServerConfig): Promise<IdentityHandler> {
  await ensureSigningKeys(config);
  const limiter = new AuthFailureLimiter(config.authFailureLimits, db);
  configureClientCache(config.clientCacheMb * 1024 * 1024);
  const cookieKeys = [cookieKeyFrom(process.env.NEXTAUTH_SECRET)];
  const build = (keys: KeySet) => createProvider({ config, keys, cookieKeys, limiter, prefix: IDENTITY_PREFIX }).callback();

  let keys = await loadKeySet(config);
  let callback = build(keys);
  // A failed read or rebuild keeps the provider in service and is tried again next time;
  // the same failure is logged once (e.g. after a rekey, until this instance is restarted).
  let lastFailure = "";
  const keyPoll = setInterval(() => {
    loadKeySet(config)
      .then((latest) => {
        lastFailure = "";
        if (latest.fingerprint === keys.fingerprint) return;
        callback = build(latest);
        keys = latest;
      })
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        if (message !== lastFailure) logger.error({ error: message }, "token service: could not take up the signing keys");
        lastFailure = message;
      });
  }, KEY_POLL_INTERVAL_MS).unref();
  const maintenance = setInterval(() => {
    Promise.all([
      deleteExpiredRecords(),
      deleteRetiredSigningKeys(),
      sweepPortalSessions({ limits: config.session }),
      deleteOldClientAuthFailures(),
      deleteEndedAuthFailureCounts(db),
    ]).catch((error: unknown) => logger.error({ error: messageOf(error) }, "token service: clean-up failed"));
  }, MAINTENANCE_INTERVAL_MS).unref();

  // Behind a proxy without LATCHKEY_TRUST_PROXY every client has the proxy's address, so the
  // per-address limits would lock everyone out together: say so, once.
  let warnedAboutProxy = config.trustProxy;
  const headers = securityHeaders(config.baseUrl);
  const handler = (req: IncomingMessage & { originalUrl?: string }, res: ServerResponse) => {
    addMissingHeaders(res, headers);
    if (!warnedAboutProxy && req.headers["x-forwarded-for"] !== undefined) {
      warnedAboutProxy = true;
      logger.warn(
        "token service: requests carry X-Forwarded-For but LATCHKEY_TRUST_PROXY is off, so every client counts as the proxy's address; set LATCHKEY_TRUST_PROXY=1 behind a reverse proxy that overwrites or appends X-Forwarded-For",
      );
    }
    req.originalUrl = req.url;
    req.url = req.url!.slice(IDENTITY_PREFIX.length) || "/";
    return void callback(req, res);
  };
  return Object.assign(handler, {
    hasSigningKey: () => Object.keys(keys.signingKids).length > 0 && keys.jwks.keys.length > 0,
    close() {
      clearInterval(keyPoll);
      clearInterval(maintenance);
      limiter.close();
    },
  });
}

/**
 * oidc-provider signs its cookies (interaction, session). The key is derived from the
 * portal's session secret, which every instance already shares, so nothing else needs
 * distributing or storing.
 */
function cookieKeyFrom(sessionSecret: string | undefined): string {
  if (!sessionSecret) throw new Error("NEXTAUTH_SECRET is not set (lib/server/prepare-environment.ts sets it before the token service starts)");
  return Buffer.from(hkdfSync("sha256", sessionSecret, "latchkey", "token service cookie signing", 32)).toString("base64url");
}
