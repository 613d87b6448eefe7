import "next-auth";

declare module "next-auth" {
  interface Session {
    user?: { id?: string; email?: string | null; name?: string | null; image?: string | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    /** The PortalSession row (lib/sessions) every read of the cookie checks. */
    sid?: string;
    /** When the person signed in (epoch seconds); the token service's auth_time. */
    authTime?: number;
  }
}
