import "server-only";
import { db } from "@/lib/db/prisma";
import { createAdapter } from "./database-adapter";
import { IDENTITY_PREFIX, INTERACTION_ROUTE } from "./identity-paths";

/**
 * The application a sign-in is for, when the sign-in page was reached from the token
 * service's interaction (its callbackUrl is that interaction's path). Looked up on the
 * server, so a crafted link cannot make the page name an application of its choosing.
 */
export async function findInteractionClientName(callbackUrl: string): Promise<string | null> {
  const uid = callbackUrl.startsWith(`${IDENTITY_PREFIX}/`) ? INTERACTION_ROUTE.exec(callbackUrl.slice(IDENTITY_PREFIX.length))?.[1] : undefined;
  if (!uid) return null;
  // The interaction as oidc-provider stored it (undefined once expired).
  const interaction = await createAdapter("Interaction").find(uid);
  const clientId = (interaction?.params as { client_id?: unknown } | undefined)?.client_id;
  if (typeof clientId !== "string") return null;
  const client = await db.client.findUnique({ where: { clientId: clientId.toLowerCase() }, select: { name: true } });
  return client?.name ?? null;
}
