import "server-only";
import { errors, type Adapter, type AdapterPayload } from "oidc-provider";
import { db } from "@/lib/db/prisma";
import { isUniqueViolation } from "@/lib/db/prisma-errors";
import { findCachedClient } from "./client-cache";
import { grantRef } from "./grant-ref";
import { recordKey } from "./record-key";

/**
 * oidc-provider's storage. Clients come from the portal's tables (through the cache), never
 * from the provider, so the portal is the only way to create them. Everything else the
 * provider keeps (sessions, interactions, codes, refresh tokens, grants) lives in the
 * OidcRecord table, shared by every server process. Self-contained JWT access tokens are
 * not stored at all.
 *
 * Ids of codes, refresh tokens and sessions are bearer credentials: rows are keyed by their
 * SHA-256, and the payload is stored without its copy of the id, so reading the table gives
 * no usable code or token. (An interaction's payload names its session's id, as
 * oidc-provider needs; the session cookie is also signed with a key that is not in the
 * database, see identity-handler.ts.)
 */
export function createAdapter(model: string): Adapter {
  if (model === "Client") {
    return {
      find: async (id) => (await findCachedClient(id))?.metadata as AdapterPayload | undefined,
      ...readOnly,
    };
  }
  return new DatabaseAdapter(model);
}

const refuse = async () => {
  throw new Error("Clients are managed in the Latchkey portal, not through the token service");
};
const readOnly = {
  upsert: refuse,
  findByUserCode: refuse,
  findByUid: refuse,
  consume: refuse,
  destroy: refuse,
  revokeByGrantId: refuse,
};

// Models whose records are consumed once; a second use revokes everything of the grant
// (RFC 6749 4.1.2 for codes, RFC 9700 4.14.2 for rotated refresh tokens).
const SINGLE_USE = new Set(["AuthorizationCode", "RefreshToken"]);

class DatabaseAdapter implements Adapter {
  constructor(private readonly model: string) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn: number) {
    const { jti: _id, ...rest } = payload;
    const data = {
      payload: JSON.stringify(rest),
      grantId: payload.grantId ?? null,
      // A grant is found by the reference its access tokens carry (grant-ref.ts).
      uid: this.model === "Grant" ? grantRef(id) : (payload.uid ?? null),
      accountId: payload.accountId ?? null,
      expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
    };
    const key = { model: this.model, id: recordKey(id) };
    await db.oidcRecord.upsert({ where: { model_id: key }, create: { ...key, ...data }, update: data });
  }

  async find(id: string) {
    const row = await db.oidcRecord.findUnique({ where: { model_id: { model: this.model, id: recordKey(id) } } });
    return row ? this.payloadOf(row, id) : undefined;
  }

  async findByUid(uid: string) {
    const row = await db.oidcRecord.findFirst({ where: { model: this.model, uid } });
    // A session found by uid is used by its uid only; its id is not needed (and not known).
    return row ? this.payloadOf(row, undefined) : undefined;
  }

  async findByUserCode() {
    return undefined; // the device flow is not enabled
  }

  async consume(id: string) {
    const key = recordKey(id);
    // Atomic: of two requests racing with the same code or token, exactly one gets it.
    const { count } = await db.oidcRecord.updateMany({ where: { model: this.model, id: key, consumedAt: null }, data: { consumedAt: new Date() } });
    if (count === 0 && SINGLE_USE.has(this.model)) {
      const row = await db.oidcRecord.findUnique({ where: { model_id: { model: this.model, id: key } }, select: { grantId: true } });
      if (row?.grantId) await revokeGrant(row.grantId);
      throw new errors.InvalidGrant(`${this.model === "RefreshToken" ? "refresh token" : "authorization code"} already used`);
    }
  }

  async destroy(id: string) {
    await db.oidcRecord.deleteMany({ where: { model: this.model, id: recordKey(id) } });
  }

  async revokeByGrantId(grantId: string) {
    await db.oidcRecord.deleteMany({ where: { model: this.model, grantId } });
  }

  private payloadOf(row: { payload: string; expiresAt: Date | null; consumedAt: Date | null }, id: string | undefined): AdapterPayload | undefined {
    if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    if (id !== undefined) payload.jti = id;
    if (row.consumedAt) payload.consumed = Math.floor(row.consumedAt.getTime() / 1000);
    return payload;
  }
}

/** Everything issued under a grant, and the grant itself. */
async function revokeGrant(grantId: string): Promise<void> {
  await db.oidcRecord.deleteMany({ where: { OR: [{ grantId }, { model: "Grant", id: recordKey(grantId) }] } });
}

/**
 * Records an id once: true the first time, false when it is already there and unexpired.
 * A single insert decides, so two processes cannot both accept the same client assertion
 * (oidc-provider's own find-then-save could).
 */
export async function claimOnce(model: string, id: string, expiresAt: Date): Promise<boolean> {
  const key = recordKey(id);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await db.oidcRecord.create({ data: { model, id: key, payload: "{}", expiresAt } });
      return true;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // An expired leftover (the cleanup has not run yet) does not count: remove it and retry.
      const { count } = await db.oidcRecord.deleteMany({ where: { model, id: key, expiresAt: { lte: new Date() } } });
      if (count === 0) return false;
    }
  }
  return false;
}

/**
 * Whether a JWT access token still stands: its id was not revoked, and the grant it was
 * issued under (by grant_ref, grant-ref.ts) was not revoked either. A revoked grant has no
 * record: a second redemption of its code, a reused refresh token, signing out and
 * revocation of its refresh token all delete it, on whichever process. One query.
 */
export async function accessTokenStands(jti: string, ref: string | undefined, revokedModel: string): Promise<boolean> {
  const rows = await db.oidcRecord.findMany({
    where: { OR: [{ model: revokedModel, id: recordKey(jti) }, ...(ref ? [{ model: "Grant", uid: ref }] : [])] },
    select: { model: true, expiresAt: true },
  });
  const live = (model: string) => rows.some((row) => row.model === model && (!row.expiresAt || row.expiresAt.getTime() > Date.now()));
  return !live(revokedModel) && (!ref || live("Grant"));
}

/**
 * The grant_ref for a token about to be issued under this grant, first written onto the
 * grant's record if it was saved before records kept it (a refresh family older than
 * grant_ref), so the new token stands.
 */
export async function grantRefFor(grantId: string): Promise<string> {
  const ref = grantRef(grantId);
  await db.oidcRecord.updateMany({ where: { model: "Grant", id: recordKey(grantId), uid: null }, data: { uid: ref } });
  return ref;
}

/** Whether a one-time claim (claimOnce) was made and has not expired. */
export async function isClaimed(model: string, id: string): Promise<boolean> {
  const row = await db.oidcRecord.findUnique({ where: { model_id: { model, id: recordKey(id) } }, select: { expiresAt: true } });
  return !!row && (!row.expiresAt || row.expiresAt.getTime() > Date.now());
}

/** Drops expired records; run now and then by every server process (it is idempotent). */
export async function deleteExpiredRecords(): Promise<number> {
  const { count } = await db.oidcRecord.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  return count;
}
