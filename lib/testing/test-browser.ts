// A browser as far as the token service can tell: it keeps cookies and follows redirects,
// but stops where a real browser would leave the token service, at the application's
// redirect URL or the portal's sign-in page, and hands that URL to the test.
import { encode } from "next-auth/jwt";
import type { SessionConfig } from "@/lib/config";
import { createPortalSession } from "@/lib/sessions/create-portal-session";

export type Stop = { url: URL; response: Response };

export class TestBrowser {
  private readonly cookies = new Map<string, string>();

  /**
   * `origin` is where the browser thinks it is; `connectTo`, when given, is where its
   * requests really go, as through a TLS proxy that says where they came in
   * (X-Forwarded-Proto and -Host; the service must trust it, LATCHKEY_TRUST_PROXY=1). `sessionCookieName` is the portal's (`__Host-` on https, lib/auth/session-cookies.ts).
   */
  constructor(
    private readonly origin: string,
    private readonly options: { connectTo?: string; sessionCookieName?: string } = {},
  ) {}

  private get sessionCookieName(): string {
    return this.options.sessionCookieName ?? "next-auth.session-token";
  }

  /** Signs in to the portal as next-auth would: a session row and its cookie, for this user; returns the session id. */
  async signIn(user: { userId: string; email: string }, authTime = Math.floor(Date.now() / 1000), limits?: SessionConfig): Promise<string> {
    const session = await createPortalSession({ userId: user.userId, now: new Date(authTime * 1000), limits });
    const token = await encode({ token: { uid: user.userId, email: user.email, authTime, sid: session.id }, secret: process.env.NEXTAUTH_SECRET! });
    this.cookies.set(this.sessionCookieName, token);
    return session.id;
  }

  /** Another browser holding a copy of every cookie this one has now (a stolen cookie jar). */
  copy(): TestBrowser {
    const copy = new TestBrowser(this.origin, this.options);
    for (const [name, value] of this.cookies) copy.cookies.set(name, value);
    return copy;
  }

  signOut(): void {
    this.cookies.delete(this.sessionCookieName);
  }

  /** The Set-Cookie lines of every response so far, as the server sent them. */
  readonly setCookies: string[] = [];

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  hasCookie(name: string): boolean {
    return this.cookies.has(name);
  }

  /** GET, following redirects on the token service's origin; returns where it stopped. */
  async open(url: string | URL, init: { method?: string; body?: URLSearchParams } = {}): Promise<Stop> {
    let current = new URL(url);
    let request: RequestInit = { method: init.method ?? "GET", body: init.body };
    for (let hops = 0; hops < 20; hops++) {
      const wire = this.options.connectTo && current.origin === this.origin ? new URL(current.pathname + current.search, this.options.connectTo) : current;
      const response = await fetch(wire, {
        ...request,
        redirect: "manual",
        headers: {
          cookie: this.cookieHeader(),
          ...(wire !== current ? { "x-forwarded-proto": current.protocol.slice(0, -1), "x-forwarded-host": current.host } : {}),
          ...(request.body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
        },
      });
      this.keep(response);
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || !location) return { url: current, response };
      const next = new URL(location, current);
      await response.body?.cancel();
      if (next.origin !== this.origin || next.pathname === "/signin") return { url: next, response };
      current = next;
      request = { method: "GET" };
    }
    throw new Error(`too many redirects from ${String(url)}`);
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  private keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      this.setCookies.push(line);
      const [pair, ...attributes] = line.split(";");
      const at = pair!.indexOf("=");
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && new Date(a.split("=")[1]!).getTime() < Date.now()));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}
