import "next-auth";

declare module "next-auth" {
  interface Session {
    user?: { id?: string; email?: string | null; name?: string | null; image?: string | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    /** When the person signed in (epoch seconds); the token service's auth_time. */
    authTime?: number;
  }
}
