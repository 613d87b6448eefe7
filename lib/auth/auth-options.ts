import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { signInUser } from "@/lib/users/sign-in-user";
import { signInRefusedPath } from "./sign-in-refusal";
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

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
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
        token.uid = user.id;
        token.authTime = Math.floor(Date.now() / 1000);
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user && typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
};
