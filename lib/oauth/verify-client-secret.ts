import "server-only";
import { timingSafeEqual } from "node:crypto";
import { db } from "@/lib/db/prisma";
import { hashSecret } from "@/lib/secrets/generate-secret";
import { recordSecretUse } from "./record-secret-use";

/**
 * True when the presented secret matches any non-expired secret of the client. Hashes are
 * compared in constant time, and every candidate is compared, so timing reveals neither
 * which secret matched nor how much of it.
 */
export async function verifyClientSecret(clientDbId: string, presented: string): Promise<boolean> {
  const now = new Date();
  const candidates = await db.clientSecret.findMany({
    where: { clientId: clientDbId, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    select: { id: true, hash: true },
  });
  const presentedHash = Buffer.from(hashSecret(presented), "hex");
  let matchedId: string | null = null;
  for (const candidate of candidates) {
    if (timingSafeEqual(Buffer.from(candidate.hash, "hex"), presentedHash)) matchedId = candidate.id;
  }
  if (matchedId) recordSecretUse(matchedId, now);
  return matchedId !== null;
}
