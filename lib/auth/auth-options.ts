import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { sessionConfig } from "@/lib/config";
import { logger } from "@/lib/logging/logger";
import { checkPortalSession } from "@/lib/sessions/check-portal-session";
import { createPortalSession } from "@/lib/sessions/create-portal-session";
import { endPortalSession } from "@/lib/sessions/end-portal-session";
import { signInUser } from "@/lib/users/sign-in-user";
import { signInRefusedPath } from "./sign-in-refusal";
import { incomingSessionId } from "./incoming-session-id";
import { ZEmail } from "@/lib/validation/user";
import { safeRedirectUrl } from "./safe-redirect";
import { sessionCookie } from "./session-cookies";
import { devSignInEnabled, oidcSettings } from "./sign-in-options";
import { publicBaseUrl } from "@/lib/http/site-security";

type OidcProfile = { iss?: unknown; sub?: unknown; email?: unknown; email_verified?: unknown; name?: string };

function oidcProvider(): OAuthConfig<OidcProfile>[] {
  const settings = oidcSettings();
  if (!settings) return [];
  return [
    {
      id: "oidc",
      name: settings.name,
      type: "oauth",
      wellKnown: `${settings.issuer}/.well-known/openid-configuration`,
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state", "nonce"],
      profile: (profile) => ({ id: String(profile.sub), email: typeof profile.email === "string" ? profile.email : null, name: profile.name ?? null }),
    },
  ];
}

function devProvider() {
  if (!devSignInEnabled()) return [];
  return [
    CredentialsProvider({
      id: "dev",
      name: "Development sign-in",
      credentials: { email: { label: "Email", type: "email" } },
      async authorize(credentials) {
        const email = ZEmail.safeParse(credentials?.email);
        if (!email.success) return null;
        const result = await signInUser({ method: "dev", email: email.data });
        return result.ok ? result.user : null;
      },
    }),
  ];
}

// Thrown by the jwt callback for a cookie whose session has ended: next-auth then answers
// "no session" and clears the cookie. Expected, so not logged as an error.
class PortalSessionEnded extends Error {
  override name = "PortalSessionEnded";
}

export const authOptions: NextAuthOptions = {
  // A JWT cookie (the development sign-in is a credentials provider, which next-auth's
  // database sessions do not support) naming a PortalSession row that every read checks.
  session: { strategy: "jwt", maxAge: sessionConfig().lifetimeSeconds },
  logger: {
    error(code, metadata) {
      if (metadata instanceof Error && metadata.name === "PortalSessionEnded") return;
      // next-auth's metadata is an error or { error, providerId, message }: the error goes
      // through the logger's serializer, the rest through its redaction.
      const { error, ...details } = metadata instanceof Error ? { error: metadata } : (metadata as { error?: unknown });
      logger.error({ nextAuthError: code, err: error, details }, `next-auth error ${code}`);
    },
  },
  events: {
    // Sign-out ends the session in the database, so a copy of the cookie is refused too.
    signOut: async ({ token }) => endPortalSession(token?.sid),
  },
  pages: { signIn: "/signin", error: "/signin" },
  cookies: { sessionToken: sessionCookie(publicBaseUrl()) },
  providers: [...oidcProvider(), ...devProvider()],
  callbacks: {
    // Only pages of Latchkey (next-auth's default throws on a malformed URL: a 500).
    redirect: async ({ url, baseUrl }) => safeRedirectUrl(url, baseUrl),
    async signIn({ user, account, profile }) {
      if (account?.provider !== "oidc") return true; // dev sign-in already checked in authorize()
      const settings = oidcSettings();
      const p = profile as OidcProfile | undefined;
      if (!settings || !p) return false;
      // The ID token's own iss and sub (signInUser checks iss is the configured issuer).
      const result = await signInUser({
        method: "oidc",
        expectedIssuer: settings.issuer,
        issuer: p.iss,
        subject: p.sub,
        email: p.email,
        emailVerified: p.email_verified,
        name: p.name,
      });
      // A page of its own: back on the sign-in page, the button would go round the same loop.
      if (!result.ok) return signInRefusedPath(result.reason);
      // next-auth hands this same object to the jwt callback: carry our user id, not the
      // provider's subject, into the session.
      user.id = result.user.id;
      return true;
    },
    async jwt({ token, user }) {
      // `user` is there only at sign-in: the moment applications see as auth_time.
      if (user) {
        const session = await createPortalSession({ userId: user.id, replaces: await incomingSessionId() });
        token.uid = user.id;
        token.sid = session.id;
        token.authTime = Math.floor(session.createdAt.getTime() / 1000);
        return token;
      }
      // Every later read of the cookie (pages, actions, API routes): the session must still be on.
      if (!(await checkPortalSession({ id: token.sid, userId: token.uid }))) throw new PortalSessionEnded("portal session ended");
      return token;
    },
    async session({ session, token }) {
      if (session.user && typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
};
