// Every environment variable Latchkey reads, in one place (the README's table mirrors it).
import { availableParallelism } from "node:os";
import path from "node:path";
import { publicBaseUrl } from "@/lib/http/site-security";
import { logLevel } from "@/lib/logging/log-level";

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of at least 1, not "${raw}"`);
  if (value > max) throw new Error(`${name} can be at most ${max}, not "${raw}"`);
  return value;
}

/**
 * How long a portal sign-in lasts (lib/sessions): at most `lifetimeSeconds` after signing in,
 * and until `idleSeconds` pass without a request. The token service's sessions end with it.
 */
export function sessionConfig(env: NodeJS.ProcessEnv = process.env) {
  return {
    lifetimeSeconds: positiveInteger(env, "LATCHKEY_SESSION_LIFETIME", 12 * 3600),
    idleSeconds: positiveInteger(env, "LATCHKEY_SESSION_IDLE_TIMEOUT", 2 * 3600),
  };
}

/** A TCP port: 1–65535. */
function portNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = positiveInteger(env, name, fallback);
  if (value > 65_535) throw new Error(`${name} must be a port number (1–65535), not "${value}"`);
  return value;
}

function milliseconds(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max) throw new Error(`${name} must be a whole number of milliseconds from 0 to ${max}, not "${raw}"`);
  return value;
}

export type SessionConfig = ReturnType<typeof sessionConfig>;

export function serverConfig(env: NodeJS.ProcessEnv = process.env) {
  const port = Number(env.PORT ?? 3000);
  const baseUrl = publicBaseUrl(env);
  // Development sign-in (email only, no password) is on only when set explicitly, production
  // or not: nothing turns it on by default (lib/auth/sign-in-options.ts reads it from here).
  const devSignIn = env.LATCHKEY_DEV_SIGNIN === "1";
  return {
    port,
    // Development sign-in lets anyone who knows a member's email in: by default only this
    // machine can reach it; another interface needs HOST set on purpose.
    host: env.HOST?.trim() || (devSignIn ? "127.0.0.1" : "0.0.0.0"),
    devSignIn,
    baseUrl,
    issuer: `${baseUrl}/identity`,
    /** The `aud` of access tokens: the APIs that accept Latchkey's tokens. */
    tokenAudience: env.LATCHKEY_TOKEN_AUDIENCE ?? `${baseUrl}/api`,
    dataDir: path.resolve(env.LATCHKEY_DATA_DIR ?? "data"),
    /** Encrypts the signing keys in the database (lib/oauth/key-encryption.ts); else a file in dataDir. */
    keyEncryptionKey: env.LATCHKEY_KEY_ENCRYPTION_KEY?.trim() || undefined,
    /** Server processes in production (one per core unless set). */
    workers: positiveInteger(env, "LATCHKEY_WORKERS", availableParallelism()),
    /** V8's old-generation limit per worker (MB); see lib/server/main.ts. */
    workerMaxOldSpaceMb: positiveInteger(env, "LATCHKEY_WORKER_MAX_OLD_SPACE_MB", 256),
    /** The token service's client cache per server process (MB, estimated); see lib/oauth/client-cache.ts. */
    clientCacheMb: positiveInteger(env, "LATCHKEY_CLIENT_CACHE_MB", 64, 2048),
    /** Take the client's address from X-Forwarded-For (behind a reverse proxy only). */
    trustProxy: env.LATCHKEY_TRUST_PROXY === "1",
    /** How many proxies in front append to X-Forwarded-For: the address is the one the outermost of them saw. */
    trustedProxyHops: positiveInteger(env, "LATCHKEY_TRUSTED_PROXY_HOPS", 1),
    /** Read here too so that a bad value stops the server at start, not at the first sign-in. */
    session: sessionConfig(env),
    logLevel: logLevel(env),
    authFailureLimits: {
      perClient: positiveInteger(env, "LATCHKEY_AUTH_FAILURES_PER_CLIENT", 10),
      perAddress: positiveInteger(env, "LATCHKEY_AUTH_FAILURES_PER_ADDRESS", 50),
      windowSeconds: positiveInteger(env, "LATCHKEY_AUTH_FAILURE_WINDOW", 60),
      alertPerClient: positiveInteger(env, "LATCHKEY_AUTH_FAILURE_ALERT", 50),
    },
    /**
     * The management listener (/healthz, /readyz, /metrics): loopback by default, so only
     * this machine's load balancer and monitoring reach it unless the operator opens it.
     */
    management: {
      port: portNumber(env, "LATCHKEY_MANAGEMENT_PORT", 9464),
      host: env.LATCHKEY_MANAGEMENT_HOST?.trim() || "127.0.0.1",
    },
    /**
     * On SIGTERM, how long an instance goes on serving while /readyz already says 503, so
     * the load balancer's health check takes it out of rotation before it stops accepting
     * connections: at least the balancer's check interval times its fall count. The whole
     * stop stays within 10 s, so this leaves time for requests in flight.
     */
    shutdownDelayMs: milliseconds(env, "LATCHKEY_SHUTDOWN_DELAY_MS", env.NODE_ENV === "production" ? 3_000 : 0, 7_000),
    /** Every failed client authentication is answered no sooner than this (ms) after its request began. */
    authFailureMinMs: positiveInteger(env, "LATCHKEY_AUTH_FAILURE_MIN_MS", 150),
  };
}

export type ServerConfig = ReturnType<typeof serverConfig>;
