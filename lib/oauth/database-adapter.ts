import "server-only";
import type { Adapter, AdapterPayload } from "oidc-provider";
import { findOAuthClient } from "./find-oauth-client";

/**
 * oidc-provider storage. Clients come from our database (never from the provider's own
 * storage, so the portal is the only way to create them). Access tokens are self-contained
 * JWTs and need no storage; the few short-lived artifacts of other flows live in memory.
 */
export function createAdapter(model: string): Adapter {
  if (model === "Client") {
    return {
      find: async (id) => (await findOAuthClient(id)) as AdapterPayload | undefined,
      ...readOnly,
    };
  }
  return new MemoryAdapter();
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

class MemoryAdapter implements Adapter {
  private readonly items = new Map<string, { payload: AdapterPayload; expiresAt: number }>();

  async upsert(id: string, payload: AdapterPayload, expiresIn: number) {
    this.items.set(id, { payload, expiresAt: Date.now() + expiresIn * 1000 });
  }
  async find(id: string) {
    const item = this.items.get(id);
    if (!item) return undefined;
    if (item.expiresAt <= Date.now()) {
      this.items.delete(id);
      return undefined;
    }
    return item.payload;
  }
  async findByUid(uid: string) {
    for (const [id, item] of this.items) if (item.payload.uid === uid) return this.find(id);
    return undefined;
  }
  async findByUserCode(userCode: string) {
    for (const [id, item] of this.items) if (item.payload.userCode === userCode) return this.find(id);
    return undefined;
  }
  async consume(id: string) {
    const item = this.items.get(id);
    if (item) item.payload.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id: string) {
    this.items.delete(id);
  }
  async revokeByGrantId(grantId: string) {
    for (const [id, item] of this.items) if (item.payload.grantId === grantId) this.items.delete(id);
  }
}
