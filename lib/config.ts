// Every environment variable Latchkey reads, in one place (the README's table mirrors it).
import path from "node:path";

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
  };
}

export type ServerConfig = ReturnType<typeof serverConfig>;
