import { createHash, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ClientTable, type PackedClient } from "./client-table";

const secret = (expiresAt: number | null) => ({ id: randomUUID(), hash: createHash("sha256").update(randomUUID()).digest("hex"), expiresAt });

describe("the client table", () => {
  // A reference model (a Map in recency order, per tenant too) against random adds, hits and
  // removals in a small table, so the index's probe runs wrap and shift on removal.
  it("finds, orders and frees entries as a Map in recency order would, through thousands of random operations", () => {
    const table = new ClientTable(64);
    const model = new Map<string, { slot: number; tenant: number }>();
    const order = () => [...model.keys()];
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) >>> 0) % n;
    const keys = Array.from({ length: 100 }, () => randomUUID());
    for (let step = 0; step < 20_000; step++) {
      const key = keys[random(keys.length)]!;
      const held = model.get(key);
      const action = random(3);
      if (!held && !table.full) {
        const tenant = random(3);
        model.set(key, { slot: table.add(key, tenant, step, 1), tenant });
      } else if (held && action === 0) {
        table.remove(held.slot);
        model.delete(key);
      } else if (held) {
        table.touch(held.slot);
        model.delete(key);
        model.set(key, held);
      } else {
        const oldest = order()[0]!;
        table.remove(model.get(oldest)!.slot);
        model.delete(oldest);
      }
      expect(table.size).toBe(model.size);
      if (step % 97 === 0) {
        for (const candidate of keys) expect(table.find(candidate)).toBe(model.get(candidate)?.slot ?? -1);
        expect(table.oldest()).toBe(model.size ? model.get(order()[0]!)!.slot : -1);
        for (const tenant of [0, 1, 2]) {
          const first = order().find((k) => model.get(k)!.tenant === tenant);
          expect(table.oldest(tenant)).toBe(first ? model.get(first)!.slot : -1);
        }
      }
    }
  });

  it("packs a client whole and gives it back as it was, expiry and all", () => {
    const table = new ClientTable(4);
    const client: PackedClient = { dbId: randomUUID(), name: "Presse 7 — Linie Süd", secrets: [secret(null), secret(Date.UTC(2027, 11, 4)), secret(1)] };
    expect(table.fits(client)).toBe(true);
    const slot = table.add(randomUUID(), 0, 0, 1);
    table.pack(slot, 5, client);
    expect(table.unpack(slot)).toEqual(client);
    expect(table.sharedOf[slot]).toBe(5);
  });

  it("does not take a client whose secrets and name overflow a slot, or whose ids are not GUIDs", () => {
    const table = new ClientTable(4);
    const three = [secret(null), secret(null), secret(null)];
    expect(table.fits({ dbId: randomUUID(), name: "x".repeat(48), secrets: three })).toBe(true);
    expect(table.fits({ dbId: randomUUID(), name: "x".repeat(49), secrets: three })).toBe(false);
    expect(table.fits({ dbId: randomUUID(), name: "Rotating", secrets: [...three, secret(null)] })).toBe(false);
    expect(table.fits({ dbId: "not-a-guid", name: "Odd", secrets: [] })).toBe(false);
    expect(table.fits({ dbId: randomUUID(), name: "Odd", secrets: [{ ...secret(null), hash: "AB" }] })).toBe(false);
  });

  it("is full at its capacity and takes another entry once one is removed", () => {
    const table = new ClientTable(2);
    const first = table.add(randomUUID(), 0, 0, 1);
    table.add(randomUUID(), 0, 0, 1);
    expect(table.full).toBe(true);
    expect(() => table.add(randomUUID(), 0, 0, 1)).toThrow(/full/);
    table.remove(first);
    expect(table.full).toBe(false);
    const key = randomUUID();
    expect(table.find(key)).toBe(-1);
    expect(table.find(randomUUID())).toBe(-1);
    expect(table.find(key.toLowerCase())).toBe(-1);
    const again = table.add(key, 1, 0, 1);
    expect(table.find(key)).toBe(again);
  });
});
