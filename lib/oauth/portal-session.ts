import "server-only";
import type { IncomingMessage } from "node:http";
import { getToken, type JWT } from "next-auth/jwt";
import { SESSION_COOKIE_NAME, sessionCookie } from "@/lib/auth/session-cookies";
import { checkPortalSession } from "@/lib/sessions/check-portal-session";

export type PortalSession = {
  userId: string;
  email: string;
  /** When the person last signed in (epoch seconds). */
  authTime: number;
  /** The PortalSession row: the token service's own session ends with it. */
  sessionId: string;
  expiresAt: Date;
};

/**
 * The portal's sign-in, as the token service sees it: people authorizing an application
 * sign in through the portal (next-auth, with the company's identity provider), and the
 * token service reads that session from the same cookie instead of keeping its own login.
 * The cookie's name follows the issuer (the base URL: `__Host-` on https), not the
 * environment, so the two can never disagree.
 */
export async function readPortalSession(req: IncomingMessage, issuer: string): Promise<PortalSession | null> {
  const token = await decodePortalCookie(req, issuer);
  // A session from before auth_time was kept (authTime missing) counts as none: its sign-in
  // time is unknown, and applications are told when people signed in.
  if (!token || typeof token.uid !== "string" || typeof token.email !== "string" || typeof token.authTime !== "number") return null;
  // The cookie alone proves nothing once the person signed out: the session row decides.
  const session = await checkPortalSession({ id: token.sid, userId: token.uid });
  if (!session) return null;
  return { userId: token.uid, email: token.email, authTime: token.authTime, sessionId: session.id, expiresAt: session.expiresAt };
}

/** The portal's session cookie, decoded and verified, whether or not its session is still on. */
export async function decodePortalCookie(req: IncomingMessage, issuer: string): Promise<JWT | null> {
  // Only the cookies: next-auth would otherwise take an Authorization: Bearer header for
  // its session, and at the token service that header carries an access token.
  return getToken({ req: { cookies: parseCookies(req.headers.cookie), headers: {} } as never, cookieName: sessionCookie(issuer).name });
}

/** next-auth's session cookies (chunked ones too), for signing the person out. */
export function portalSessionCookieNames(req: IncomingMessage): string[] {
  return Object.keys(parseCookies(req.headers.cookie)).filter((name) => SESSION_COOKIE_NAME.test(name));
}

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of header?.split(";") ?? []) {
    const at = part.indexOf("=");
    if (at < 1) continue;
    const name = part.slice(0, at).trim();
    try {
      cookies[name] = decodeURIComponent(part.slice(at + 1).trim());
    } catch {
      // a malformed cookie is ignored, like browsers do
    }
  }
  return cookies;
}
