import "server-only";
import { getServerSession } from "next-auth";
import { authOptions } from "./auth-options";

export type SessionUser = { id: string; email: string };

export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const user = session?.user;
  return user?.id && user.email ? { id: user.id, email: user.email } : null;
}
