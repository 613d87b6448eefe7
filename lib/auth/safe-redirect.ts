// Where a person may be sent after signing in: a page of Latchkey itself, nothing else.
// Used by the sign-in page, the development sign-in form and next-auth's redirect callback.

const HOME = "/";

/**
 * `value` resolved against `baseUrl` the way a browser would resolve it (backslashes,
 * tabs and newlines, `..`, encoded dots), kept only if it lands on the base URL's origin,
 * and returned as a path ("/t/x/clients?tab=1"), or "/" for anything else. Leading
 * slashes collapse to one, so the result can never be read as "//host" (protocol-relative).
 */
export function safeRedirectPath(value: unknown, baseUrl: string): string {
  if (typeof value !== "string" || value === "") return HOME;
  const base = new URL(baseUrl);
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return HOME;
  }
  if (url.origin !== base.origin || url.username || url.password) return HOME;
  const path = `${url.pathname.replace(/^\/+/, "/")}${url.search}${url.hash}`;
  // Resolving the answer again must give the same place on our origin (belt and braces).
  const again = new URL(path, base);
  return path.startsWith("/") && !path.startsWith("//") && again.origin === base.origin ? path : HOME;
}

/** The same, as the absolute URL next-auth's redirect callback returns. */
export function safeRedirectUrl(value: unknown, baseUrl: string): string {
  return new URL(safeRedirectPath(value, baseUrl), baseUrl).href;
}
