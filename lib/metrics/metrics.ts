// The figures an operator scrapes from the management listener's /metrics (lib/server/
// management-listener.ts). Every label has a small, fixed set of values: never a client id,
// a tenant slug or anything else a caller chooses, or a flood of made-up ids would grow the
// series without bound.
import { Counter, Histogram, collectDefaultMetrics, register } from "prom-client";
import { monitorEventLoop } from "./event-loop-delay";

/** The failures counted, by why they failed (a closed set, so a label is safe). */
export const AUTH_FAILURE_REASONS = ["unknown_client", "wrong_secret", "bad_assertion", "wrong_method", "cors_refused", "other"] as const;
export type AuthFailureReason = (typeof AUTH_FAILURE_REASONS)[number];

export const tokensIssued = new Counter({
  name: "latchkey_tokens_issued_total",
  help: "Access tokens issued, by grant type and client type",
  labelNames: ["grant_type", "client_type"] as const,
});

export const clientAuthenticationFailures = new Counter({
  name: "latchkey_client_authentication_failures_total",
  help: "Failed client authentications at the token, introspection and revocation endpoints, by reason",
  labelNames: ["reason"] as const,
});

export const rateLimited = new Counter({
  name: "latchkey_rate_limited_total",
  help: "Requests answered 429 because their address or client id failed authentication too often",
});

export const tokenRequestDuration = new Histogram({
  name: "latchkey_token_request_duration_seconds",
  help: "Time from a token request's arrival to its answer, by status class",
  labelNames: ["status"] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
});

export const clientCacheHits = new Counter({ name: "latchkey_client_cache_hits_total", help: "Client lookups answered from memory" });
export const clientCacheMisses = new Counter({ name: "latchkey_client_cache_misses_total", help: "Client lookups that read the database" });

/** Once per process: the standard process figures (CPU, memory, event loop, handles), and the event-loop delay at 1 ms. */
export function collectProcessMetrics(): void {
  const flag = globalThis as { latchkeyProcessMetrics?: boolean };
  if (flag.latchkeyProcessMetrics) return;
  flag.latchkeyProcessMetrics = true;
  collectDefaultMetrics({ register });
  monitorEventLoop();
}

/** The status label: 2xx, 4xx, 5xx (one value per class keeps the series few). */
export function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}
