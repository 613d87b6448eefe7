// The portal's API routes (app/api/t/...) serve its own screens only. Its session cookie
// goes along on other sites' requests too (SameSite=None on https and loopback, for
// silent renew), so a request a browser marks as coming from another origin, cross-site
// or a sibling on the same site (another port of the host), is refused before any route
// runs. Requests without Sec-Fetch-Site (non-browser clients, old browsers) carry no
// ambient cookie from another site's page and go on to the route's own checks.
import type { IncomingMessage } from "node:http";

const FOREIGN = new Set(["cross-site", "same-site"]);

export function isForeignApiRequest(req: Pick<IncomingMessage, "url" | "headers">): boolean {
  return !!req.url?.startsWith("/api/t/") && FOREIGN.has(String(req.headers["sec-fetch-site"]).toLowerCase());
}

export const FOREIGN_API_ANSWER = JSON.stringify({ code: "FORBIDDEN", message: "This API answers the Latchkey portal's own pages only." });
