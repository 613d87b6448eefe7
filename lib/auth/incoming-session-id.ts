import "server-only";
import { cookies } from "next/headers";
import { getToken } from "next-auth/jwt";

/**
 * The portal session named by the cookie this sign-in request came with, if any: the one
 * the new sign-in replaces in this browser (prompt=login, max_age, or another person).
 * Verified like any read of the cookie; a forged one names nothing.
 */
export async function incomingSessionId(): Promise<string | undefined> {
  const jar = await cookies();
  const all = Object.fromEntries(jar.getAll().map((cookie) => [cookie.name, cookie.value]));
  const token = await getToken({ req: { cookies: all, headers: {} } as never }).catch(() => null);
  return typeof token?.sid === "string" ? token.sid : undefined;
}
