import "server-only";
import { errors, type KoaContextWithOIDC } from "oidc-provider";
import { addressKey, clientKey, type AuthFailureLimiter } from "./auth-failure-limiter";

type Next = () => Promise<void>;

export class TooManyFailures extends errors.OIDCProviderError {
  constructor(retryAfter: number) {
    super(429, "too_many_requests");
    Object.assign(this, { error_description: `too many failed client authentications; retry in ${retryAfter} seconds` });
  }
}

/**
 * Around the endpoints where clients authenticate: refuses an address that failed too
 * often (429, Retry-After) and counts each failed client authentication against the
 * address and the client id. The client id's own block is checked where oidc-provider
 * looks the client up (create-provider.ts), since a body-borne id is only known there.
 */
export function failedAuthenticationLimit(limiter: AuthFailureLimiter) {
  return async (ctx: KoaContextWithOIDC, next: Next) => {
    const address = addressKey(ctx.ip);
    const wait = limiter.retryAfter([address]);
    if (wait) {
      ctx.status = 429;
      ctx.set("Retry-After", String(wait));
      ctx.set("Cache-Control", "no-store");
      ctx.body = { error: "too_many_requests", error_description: `too many failed client authentications from this address; retry in ${wait} seconds` };
      return;
    }
    await next();
    if (ctx.status === 401 && (ctx.body as { error?: string } | undefined)?.error === "invalid_client") {
      const id = ctx.oidc?.client?.clientId ?? ctx.oidc?.params?.client_id ?? basicClientId(ctx.get("authorization"));
      limiter.fail(typeof id === "string" && id ? [address, clientKey(id)] : [address]);
    }
  };
}

function basicClientId(header: string): string | undefined {
  const encoded = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header)?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const at = decoded.indexOf(":");
  if (at < 1) return undefined;
  try {
    return decodeURIComponent(decoded.slice(0, at));
  } catch {
    return undefined;
  }
}
