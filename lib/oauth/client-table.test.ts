import { createHash, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ClientTable, type PackedClient } from "./client-table";

const secret = (expiresAt: number | null) => ({ id: randomUUID(), hash: createHash("sha256").update(randomUUID()).digest("hex"), expiresAt });

describe("the client table", () => {
  // A reference model (a Map in recency order, per tenant too) against random adds, hits,
  // removals and evictions in a table of 8, so the index's probe runs wrap around its end and
  // shift back on removal: checked after every step, over many seeds (deterministic ones).
  it("finds, orders and frees entries as a Map in recency order would, through random operations", () => {
    for (let seed = 1; seed <= 60; seed++) {
      const random = mulberry32(seed);
      const pick = (n: number) => Math.floor(random() * n);
      const guid = () => {
        const hex = Array.from({ length: 32 }, () => pick(16).toString(16)).join("");
        return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
      };
      const table = new ClientTable(8);
      const model = new Map<string, { slot: number; tenant: number }>();
      const keys = Array.from({ length: 20 }, guid);
      for (let step = 0; step < 600; step++) {
        const key = keys[pick(keys.length)]!;
        const held = model.get(key);
        if (!held) {
          // Full: the least recently used leaves first, as the cache does it.
          if (table.full) {
            const [oldest] = model.keys();
            table.remove(model.get(oldest!)!.slot);
            model.delete(oldest!);
          }
          const tenant = pick(3);
          model.set(key, { slot: table.add(key, tenant, step, 1), tenant });
        } else if (pick(2) === 0) {
          table.remove(held.slot);
          model.delete(key);
        } else {
          table.touch(held.slot);
          model.delete(key);
          model.set(key, held);
        }
        // One comparison per step (thousands of expect calls made this test slow).
        const order = [...model.keys()];
        const oldestOf = (tenant?: number) => {
          const first = order.find((k) => tenant === undefined || model.get(k)!.tenant === tenant);
          return first ? model.get(first)!.slot : -1;
        };
        const seen = { size: table.size, found: keys.map((k) => table.find(k)), oldest: [undefined, 0, 1, 2].map((t) => table.oldest(t)) };
        const wanted = { size: model.size, found: keys.map((k) => model.get(k)?.slot ?? -1), oldest: [undefined, 0, 1, 2].map(oldestOf) };
        if (JSON.stringify(seen) !== JSON.stringify(wanted)) expect({ seed, step, ...seen }).toEqual({ seed, step, ...wanted });
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
    expect(table.find("not-a-guid")).toBe(-1);
    const again = table.add(key, 1, 0, 1);
    expect(table.find(key)).toBe(again);
  });
});

/** A small deterministic generator (mulberry32): the same operations on every run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
