/**
 * Which web origins may call the token service from a browser for a client: only an
 * authorization code client's (it is the browser app), from the origins of its redirect
 * URLs and its registered CORS origins (seed 003: the app may sign in at one origin and
 * run at another). Server-side clients get no CORS answer at all.
 */
export function corsOriginAllowed(client: { type: string; redirectUris: readonly string[]; corsOrigins: readonly string[] }, origin: string): boolean {
  if (client.type !== "authorization-code" || origin === "null") return false;
  return client.corsOrigins.includes(origin) || client.redirectUris.some((uri) => URL.parse(uri)?.origin === origin);
}
