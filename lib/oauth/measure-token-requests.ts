import "server-only";
import type { KoaContextWithOIDC } from "oidc-provider";
import { CLIENT_TYPES } from "@/lib/validation/client";
import { statusClass, tokenRequestDuration, tokensIssued } from "@/lib/metrics/metrics";

// Label values come from these closed sets only: a caller picks the grant type it sends.
const GRANT_TYPES = new Set(["client_credentials", "authorization_code", "refresh_token"]);
const CLIENT_TYPE_LABELS = new Set<string>(CLIENT_TYPES);

/** Token endpoint figures: each request's duration (failure delay included), and each token issued. */
export function measureTokenRequests() {
  return async (ctx: KoaContextWithOIDC, next: () => Promise<void>): Promise<void> => {
    const started = performance.now();
    try {
      await next();
    } finally {
      if (ctx.oidc?.route === "token") {
        tokenRequestDuration.observe({ status: statusClass(ctx.status) }, (performance.now() - started) / 1000);
        if (ctx.status === 200) {
          const grantType = String(ctx.oidc.params?.grant_type ?? "");
          const clientType = String((ctx.oidc.client as { latchkey_type?: string } | undefined)?.latchkey_type ?? "");
          tokensIssued.inc({
            grant_type: GRANT_TYPES.has(grantType) ? grantType : "other",
            client_type: CLIENT_TYPE_LABELS.has(clientType) ? clientType : "other",
          });
        }
      }
    }
  };
}
