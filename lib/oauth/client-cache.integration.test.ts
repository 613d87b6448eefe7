// The token service's client cache: bounded by size with the least recently used client
// leaving first, unknown ids kept apart so they never push a real client out, and a change
// in one tenant dropping that tenant's clients only, within the cache's second.
import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { createClient } from "@/lib/clients/create-client";
import { addClientSecret } from "@/lib/secrets/add-client-secret";
import { clientInput, createTestTenant, type TestTenant } from "@/lib/testing/fixtures";
import { clearClientCache, CLIENT_CACHE_BOUNDS, clientCacheSize, lookUpClient, MAX_STALENESS_MS } from "./client-cache";

let plant: TestTenant;
let office: TestTenant;

beforeAll(async () => {
  [plant, office] = await Promise.all([createTestTenant("cache-plant"), createTestTenant("cache-office")]);
});

beforeEach(() => clearClientCache());

function bound(bounds: Partial<typeof CLIENT_CACHE_BOUNDS>) {
  const before = { ...CLIENT_CACHE_BOUNDS };
  Object.assign(CLIENT_CACHE_BOUNDS, bounds);
  onTestFinished(() => void Object.assign(CLIENT_CACHE_BOUNDS, before));
}

// The cache's background read of the versions may have run between two creations: the
// client loaded next would then be dropped (and read once more) at its following read, as
// the tenant's version moved since. The tests start from versions read after them.
const versionsAfterTheCreations = () => clearClientCache();

const loaded = async (clientId: string) => (await lookUpClient(clientId)).loaded;

describe("the client cache", () => {
  it("keeps a real client however many unknown ids are looked up", async () => {
    bound({ unknown: 20 });
    const client = await createClient(plant.admin, clientInput());
    expect(await loaded(client.clientId)).toBe(true);
    for (let i = 0; i < 100; i++) await lookUpClient(randomUUID());
    expect(clientCacheSize().unknown).toBe(20);
    const again = await lookUpClient(client.clientId);
    expect(again.client?.metadata.client_id).toBe(client.clientId);
    expect(again.loaded).toBe(false);
    expect(clientCacheSize().clients).toBe(1);
  });

  it("holds what fits its size, and lets the least recently used client go first", async () => {
    const clients = [];
    for (let i = 0; i < 4; i++) clients.push(await createClient(plant.admin, clientInput({ name: `Cached ${i}` })));
    const [first, second, third, fourth] = clients.map((c) => c.clientId) as [string, string, string, string];
    expect(await loaded(first)).toBe(true);
    // Room for three clients of this size, not four.
    bound({ bytes: clientCacheSize().bytes * 3.5 });
    expect(await loaded(second)).toBe(true);
    expect(await loaded(third)).toBe(true);
    // The first is used again, so the second is now the least recently used.
    expect(await loaded(first)).toBe(false);
    expect(await loaded(fourth)).toBe(true);
    expect(clientCacheSize().clients).toBe(3);
    expect(clientCacheSize().bytes).toBeLessThanOrEqual(CLIENT_CACHE_BOUNDS.bytes);
    expect(await loaded(first)).toBe(false);
    expect(await loaded(third)).toBe(false);
    expect(await loaded(fourth)).toBe(false);
    expect(await loaded(second)).toBe(true);
  });

  it("lets no tenant push another's clients out: one over half of a full cache makes room from its own", async () => {
    const payroll = await createClient(office.admin, clientInput({ name: "Payroll" }));
    const devices = [];
    for (let i = 0; i < 6; i++) devices.push(await createClient(plant.admin, clientInput({ name: `Device ${i}` })));
    versionsAfterTheCreations();
    expect(await loaded(payroll.clientId)).toBe(true);
    // Room for four clients of this size.
    bound({ bytes: clientCacheSize().bytes * 4.5 });
    for (const device of devices) expect(await loaded(device.clientId)).toBe(true);
    expect(clientCacheSize().clients).toBe(4);
    expect(await loaded(payroll.clientId)).toBe(false);
    // The plant's own least recently used clients left instead.
    expect(await loaded(devices[5]!.clientId)).toBe(false);
    expect(await loaded(devices[0]!.clientId)).toBe(true);
  });

  it("frees a changed tenant's clients in the background, without a lookup, and keeps the others'", async () => {
    const devices = [];
    for (let i = 0; i < 3; i++) devices.push(await createClient(plant.admin, clientInput({ name: `Swept ${i}` })));
    const payroll = await createClient(office.admin, clientInput({ name: "Payroll" }));
    versionsAfterTheCreations();
    for (const client of [...devices, payroll]) expect(await loaded(client.clientId)).toBe(true);
    expect(clientCacheSize().clients).toBe(4);

    await addClientSecret(plant.admin, devices[0]!.clientId, { description: "second", expires: "never" });
    // The background read of the versions (twice a second) sees the change; the sweep follows.
    const changedAt = performance.now();
    while (clientCacheSize().clients > 1 && performance.now() - changedAt < 2 * MAX_STALENESS_MS) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(clientCacheSize().clients).toBe(1);
    expect(await loaded(payroll.clientId)).toBe(false);
  });

  it("drops only the changed tenant's clients, and sees the change within a second", async () => {
    const historian = await createClient(plant.admin, clientInput({ name: "Historian" }));
    const payroll = await createClient(office.admin, clientInput({ name: "Payroll" }));
    versionsAfterTheCreations();
    expect(await loaded(historian.clientId)).toBe(true);
    expect(await loaded(payroll.clientId)).toBe(true);

    const added = await addClientSecret(plant.admin, historian.clientId, { description: "second", expires: "never" });
    const changedAt = performance.now();
    let seen: Awaited<ReturnType<typeof lookUpClient>> | undefined;
    while (performance.now() - changedAt < 2 * MAX_STALENESS_MS) {
      seen = await lookUpClient(historian.clientId);
      if (seen.loaded) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(seen?.loaded).toBe(true);
    expect(performance.now() - changedAt).toBeLessThan(MAX_STALENESS_MS + 100);
    expect(seen?.client?.secrets.map((s) => s.id)).toContain(added.id);
    // The other tenant's client was never dropped.
    expect(await loaded(payroll.clientId)).toBe(false);
  });
});
