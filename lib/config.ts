// Every environment variable Latchkey reads, in one place (the README's table mirrors it).
import { availableParallelism } from "node:os";
import path from "node:path";

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of at least 1, not "${raw}"`);
  return value;
}

export function serverConfig(env: NodeJS.ProcessEnv = process.env) {
  const port = Number(env.PORT ?? 3000);
  const baseUrl = (env.LATCHKEY_BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, "");
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    baseUrl,
    issuer: `${baseUrl}/identity`,
    /** The `aud` of access tokens: the APIs that accept Latchkey's tokens. */
    tokenAudience: env.LATCHKEY_TOKEN_AUDIENCE ?? `${baseUrl}/api`,
    dataDir: path.resolve(env.LATCHKEY_DATA_DIR ?? "data"),
    /** Server processes in production (one per core unless set). */
    workers: positiveInteger(env, "LATCHKEY_WORKERS", availableParallelism()),
    /** V8's old-generation limit per worker (MB); see lib/server/main.ts. */
    workerMaxOldSpaceMb: positiveInteger(env, "LATCHKEY_WORKER_MAX_OLD_SPACE_MB", 256),
    /** Take the client's address from X-Forwarded-For (behind a reverse proxy only). */
    trustProxy: env.LATCHKEY_TRUST_PROXY === "1",
    /** How many proxies in front append to X-Forwarded-For: the address is the one the outermost of them saw. */
    trustedProxyHops: positiveInteger(env, "LATCHKEY_TRUSTED_PROXY_HOPS", 1),
    authFailureLimits: {
      perClient: positiveInteger(env, "LATCHKEY_AUTH_FAILURES_PER_CLIENT", 10),
      perAddress: positiveInteger(env, "LATCHKEY_AUTH_FAILURES_PER_ADDRESS", 50),
      windowSeconds: positiveInteger(env, "LATCHKEY_AUTH_FAILURE_WINDOW", 60),
      alertPerClient: positiveInteger(env, "LATCHKEY_AUTH_FAILURE_ALERT", 50),
    },
    /** Every failed client authentication is answered no sooner than this (ms) after its request began. */
    authFailureMinMs: positiveInteger(env, "LATCHKEY_AUTH_FAILURE_MIN_MS", 150),
  };
}

export type ServerConfig = ReturnType<typeof serverConfig>;
