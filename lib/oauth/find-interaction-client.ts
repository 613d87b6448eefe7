import "server-only";
import { db } from "@/lib/db/prisma";
import { IDENTITY_PREFIX, INTERACTION_ROUTE } from "./identity-paths";
import { recordKey } from "./record-key";

/**
 * The application a sign-in is for, when the sign-in page was reached from the token
 * service's interaction (its callbackUrl is that interaction's path). Looked up on the
 * server, so a crafted link cannot make the page name an application of its choosing.
 */
export async function findInteractionClientName(callbackUrl: string): Promise<string | null> {
  const uid = callbackUrl.startsWith(`${IDENTITY_PREFIX}/`) ? INTERACTION_ROUTE.exec(callbackUrl.slice(IDENTITY_PREFIX.length))?.[1] : undefined;
  if (!uid) return null;
  const record = await db.oidcRecord.findUnique({ where: { model_id: { model: "Interaction", id: recordKey(uid) } }, select: { payload: true, expiresAt: true } });
  if (!record || (record.expiresAt && record.expiresAt.getTime() <= Date.now())) return null;
  const clientId = (JSON.parse(record.payload) as { params?: { client_id?: unknown } }).params?.client_id;
  if (typeof clientId !== "string") return null;
  const client = await db.client.findUnique({ where: { clientId: clientId.toLowerCase() }, select: { name: true } });
  return client?.name ?? null;
}
