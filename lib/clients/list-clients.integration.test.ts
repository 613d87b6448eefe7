import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { addClientSecret } from "@/lib/secrets/add-client-secret";
import { addClientKey } from "@/lib/client-keys/add-client-key";
import { clientInput, createTestTenant, dateInDays, signedJwtClientInput, type TestTenant } from "@/lib/testing/fixtures";
import { ecKeyPair } from "@/lib/testing/test-keys";
import { createClient } from "./create-client";
import { deleteClient } from "./delete-client";
import { listClients } from "./list-clients";
import { updateClient } from "./update-client";

const REDIRECT = ["https://app.example.com/callback"];
const DAY = 86_400_000;

let tenant: TestTenant;
let other: TestTenant;
let production: string;
const ids = {} as Record<"historian" | "portal" | "mobile" | "wildcard" | "otherHistorian", string>;

beforeAll(async () => {
  [tenant, other] = await Promise.all([createTestTenant("list"), createTestTenant("list-other")]);
  production = (await db.environment.findFirstOrThrow({ where: { tenantId: tenant.id, name: "Production" } })).id;

  // Created one after another, so the list's newest-first order is known.
  ids.historian = (await createClient(tenant.admin, clientInput({ name: "Plant Historian" }))).clientId;
  ids.portal = (await createClient(tenant.admin, { type: "authorization-code", name: "Customer Portal", redirectUris: REDIRECT })).clientId;
  ids.mobile = (
    await createClient(tenant.admin, { type: "hybrid", name: "Mobile APP", redirectUris: REDIRECT, environmentId: production, secret: { expires: "never" } })
  ).clientId;
  ids.wildcard = (await createClient(tenant.admin, clientInput({ name: "100% ready_now", environmentId: production }))).clientId;
  // Another tenant with look-alike names: none of it may ever show up in `tenant`'s list.
  ids.otherHistorian = (await createClient(other.admin, clientInput({ name: "Plant Historian" }))).clientId;
});

const listedIds = async (query: Parameters<typeof listClients>[1], ctx = tenant.admin) => (await listClients(ctx, query)).clients.map((c) => c.clientId);

describe("listClients", () => {
  it("lists the tenant's clients newest first, with environment and roles, for members too", async () => {
    const page = await listClients(tenant.member);
    expect(page.clients.map((c) => c.clientId)).toEqual([ids.wildcard, ids.mobile, ids.portal, ids.historian]);
    expect(page).toMatchObject({ total: 4, page: 1, pageSize: 25, pageCount: 1 });
    expect(page.environments.map((e) => e.name)).toEqual(["Development", "Production"]);
    expect(page.clients.find((c) => c.clientId === ids.mobile)).toMatchObject({
      type: "hybrid",
      name: "Mobile APP",
      environment: "Production",
      roles: ["Account Member"],
    });
    expect(page.clients.find((c) => c.clientId === ids.historian)?.environment).toBe("Development");
  });

  it("filters by type and by environment, together", async () => {
    expect(await listedIds({ type: "authorization-code" })).toEqual([ids.portal]);
    expect(await listedIds({ type: "client-credentials" })).toEqual([ids.wildcard, ids.historian]);
    expect(await listedIds({ environment: production })).toEqual([ids.wildcard, ids.mobile]);
    expect(await listedIds({ environment: production, type: "client-credentials" })).toEqual([ids.wildcard]);
    const filtered = await listClients(tenant.admin, { type: "hybrid" });
    expect(filtered.total).toBe(1);
  });

  it("searches names in any letter case and Client Ids by any part", async () => {
    expect(await listedIds({ q: "historian" })).toEqual([ids.historian]);
    expect(await listedIds({ q: "  mOBILE app " })).toEqual([ids.mobile]);
    expect(await listedIds({ q: ids.portal.slice(0, 8).toUpperCase() })).toEqual([ids.portal]);
    expect(await listedIds({ q: ids.portal.slice(9, 23) })).toEqual([ids.portal]);
    expect(await listedIds({ q: ids.portal })).toEqual([ids.portal]);
    expect(await listedIds({ q: "no such client" })).toEqual([]);
  });

  it("takes % and _ in a search literally, not as wildcards", async () => {
    expect(await listedIds({ q: "100%" })).toEqual([ids.wildcard]);
    expect(await listedIds({ q: "y_n" })).toEqual([ids.wildcard]);
    expect(await listedIds({ q: "p_a" })).toEqual([]); // would match "Plant" / "app" as a LIKE pattern
    expect(await listedIds({ q: "%" })).toEqual([ids.wildcard]);
    expect(await listedIds({ q: "\\" })).toEqual([]);
    expect(await listClients(tenant.admin, { q: "_", pageSize: 10, page: 5 })).toMatchObject({ total: 1, page: 1 });
  });

  // A search of three characters or more reads a trigram index kept apart from the Client
  // rows (an FTS5 table on SQLite): a rename or a deletion must reach it.
  it("finds a client by its new name after a rename, and no longer once deleted", async () => {
    const { clientId } = await createClient(tenant.admin, clientInput({ name: "Quartz Relay" }));
    await updateClient(tenant.admin, { type: "client-credentials", clientId, name: 'Onyx "Relay"' });
    expect(await listedIds({ q: "quartz" })).toEqual([]);
    expect(await listedIds({ q: 'onyx "relay"' })).toEqual([clientId]);
    expect(await listedIds({ q: clientId.slice(4, 20) })).toEqual([clientId]);
    await deleteClient(tenant.admin, clientId);
    expect(await listedIds({ q: "onyx" })).toEqual([]);
  });

  it("never shows another tenant's clients, whatever the filters", async () => {
    expect(await listedIds({ q: ids.otherHistorian })).toEqual([]);
    expect(await listedIds({ q: "plant historian" })).toEqual([ids.historian]);
    expect(await listedIds({ q: "plant historian" }, other.admin)).toEqual([ids.otherHistorian]);
    // Another tenant's environment id filters to nothing rather than to its clients.
    const otherProduction = await db.environment.findFirstOrThrow({ where: { tenantId: other.id, name: "Development" } });
    expect(await listClients(tenant.admin, { environment: otherProduction.id })).toMatchObject({ clients: [], total: 0 });
    const otherList = await listClients(other.admin);
    expect(otherList.total).toBe(1);
    expect(otherList.environments.every((e) => e.id !== production)).toBe(true);
  });

  it("aggregates each client's secrets: count, soonest expiry (expired included) and last use", async () => {
    const { clientId } = await createClient(tenant.admin, clientInput({ name: "Aggregates", secret: { expires: dateInDays(200) } }));
    const soon = await addClientSecret(tenant.admin, clientId, { expires: dateInDays(12) });
    await addClientSecret(tenant.admin, clientId, { expires: "never" });
    const used = [new Date(Date.now() - 5 * DAY), new Date(Date.now() - DAY)];
    await db.clientSecret.update({ where: { id: soon.id }, data: { lastUsedAt: used[0] } });
    const last = await db.clientSecret.findFirstOrThrow({ where: { client: { clientId }, expiresAt: null } });
    await db.clientSecret.update({ where: { id: last.id }, data: { lastUsedAt: used[1] } });

    const row = async () => (await listClients(tenant.admin, { q: clientId })).clients[0]!;
    expect(await row()).toMatchObject({ secretCount: 3, soonestExpiry: new Date(`${dateInDays(12)}T00:00:00.000Z`), lastUsedAt: used[1] });

    const expired = new Date(Date.now() - 3 * DAY);
    await db.clientSecret.update({ where: { id: soon.id }, data: { expiresAt: expired } });
    expect((await row()).soonestExpiry).toEqual(expired);

    const portal = (await listClients(tenant.admin, { q: ids.portal })).clients[0]!;
    expect(portal).toMatchObject({ secretCount: 0, soonestExpiry: null, lastUsedAt: null });
    const mobile = (await listClients(tenant.admin, { q: ids.mobile })).clients[0]!;
    expect(mobile).toMatchObject({ secretCount: 1, soonestExpiry: null, lastUsedAt: null });
  });

  it("gives a signed-JWT client its security type and the last use of any of its keys", async () => {
    const client = await createClient(tenant.admin, signedJwtClientInput(ecKeyPair().publicJwk(), { name: "Signed lister" }));
    const second = await addClientKey(tenant.admin, client.clientId, { key: ecKeyPair().publicJwk() });
    const row = async () => (await listClients(tenant.admin, { q: client.clientId })).clients[0]!;
    expect(await row()).toMatchObject({ securityType: "signed-jwt", secretCount: 0, soonestExpiry: null, lastUsedAt: null });
    const used = new Date(Date.now() - DAY);
    await db.clientKey.update({ where: { id: second.id }, data: { lastUsedAt: used } });
    expect((await row()).lastUsedAt).toEqual(used);
    expect((await listClients(tenant.admin, { q: ids.historian })).clients[0]).toMatchObject({ securityType: "client-secret" });
  });
});

describe("listClients pagination", () => {
  let paged: TestTenant;
  const created: string[] = [];

  beforeAll(async () => {
    paged = await createTestTenant("list-pages");
    for (let i = 0; i < 12; i++) created.unshift((await createClient(paged.admin, clientInput({ name: `Device ${i}` }))).clientId);
  });

  it("splits the list into pages without overlap or gap", async () => {
    const first = await listClients(paged.admin, { pageSize: 10 });
    const second = await listClients(paged.admin, { pageSize: 10, page: 2 });
    expect(first).toMatchObject({ total: 12, page: 1, pageSize: 10, pageCount: 2 });
    expect(second).toMatchObject({ total: 12, page: 2, pageCount: 2 });
    expect(first.clients).toHaveLength(10);
    expect(second.clients).toHaveLength(2);
    expect([...first.clients, ...second.clients].map((c) => c.clientId)).toEqual(created);
  });

  it("answers a page past the end with the last page", async () => {
    const beyond = await listClients(paged.admin, { pageSize: 10, page: 99 });
    expect(beyond).toMatchObject({ page: 2, pageCount: 2 });
    expect(beyond.clients.map((c) => c.clientId)).toEqual(created.slice(10));
  });

  it("counts only matching clients and pages within them", async () => {
    const search = await listClients(paged.admin, { q: "device 1", pageSize: 10 });
    // "Device 1", "Device 10", "Device 11"
    expect(search).toMatchObject({ total: 3, pageCount: 1 });
    expect(search.clients.map((c) => c.name)).toEqual(["Device 11", "Device 10", "Device 1"]);
  });

  it("falls back to defaults for values a hand-edited URL could carry", async () => {
    const odd = await listClients(paged.admin, { page: "abc" as unknown as number, pageSize: 7, type: "bogus" as never });
    expect(odd).toMatchObject({ page: 1, pageSize: 25, pageCount: 1, total: 12 });
    const empty = await listClients(paged.member, { type: "hybrid" });
    expect(empty).toMatchObject({ clients: [], total: 0, page: 1, pageCount: 1 });
  });
});

describe("listClients sorting", () => {
  let sorted: TestTenant;
  const id = {} as Record<"bravo" | "alpha" | "charlie" | "delta" | "echo" | "foxtrot" | "alpha2", string>;
  const names = async (query: Parameters<typeof listClients>[1]) => {
    const byId = Object.fromEntries(Object.entries(id).map(([name, clientId]) => [clientId, name]));
    return (await listClients(sorted.admin, query)).clients.map((c) => byId[c.clientId]);
  };
  const ago = (days: number) => new Date(Date.now() - days * DAY);
  const useSecret = async (clientId: string, lastUsedAt: Date) =>
    db.clientSecret.updateMany({ where: { tenantId: sorted.id, client: { clientId }, expiresAt: { not: null } }, data: { lastUsedAt } });

  // Oldest first: bravo … alpha2. Soonest expiry: foxtrot (expired), alpha, bravo; the
  // others have none (a never-expiring secret, no secrets, keys). Last use: delta, bravo,
  // echo (a key), foxtrot; the others were never used.
  beforeAll(async () => {
    sorted = await createTestTenant("list-sort");
    const create = async (input: Parameters<typeof createClient>[1]) => (await createClient(sorted.admin, input)).clientId;
    id.bravo = await create(clientInput({ name: "bravo", secret: { expires: dateInDays(40) } }));
    await addClientSecret(sorted.admin, id.bravo, { expires: "never" });
    id.alpha = await create({ type: "hybrid", name: "Alpha", redirectUris: REDIRECT, secret: { expires: dateInDays(10) } });
    id.charlie = await create({ type: "authorization-code", name: "charlie", redirectUris: REDIRECT });
    id.delta = await create(clientInput({ name: "Delta", secret: { expires: "never" } }));
    id.echo = await create(signedJwtClientInput(ecKeyPair().publicJwk(), { name: "echo" }));
    id.foxtrot = await create(clientInput({ name: "Foxtrot", secret: { expires: dateInDays(30) } }));
    id.alpha2 = await create(clientInput({ name: "alpha", secret: { expires: "never" } }));

    await db.clientSecret.updateMany({ where: { tenantId: sorted.id, client: { clientId: id.foxtrot } }, data: { expiresAt: ago(3), lastUsedAt: ago(10) } });
    await useSecret(id.bravo, ago(2));
    await db.clientSecret.updateMany({ where: { tenantId: sorted.id, client: { clientId: id.delta } }, data: { lastUsedAt: ago(1 / 24) } });
    await db.clientKey.updateMany({ where: { tenantId: sorted.id, client: { clientId: id.echo } }, data: { lastUsedAt: ago(5) } });
  });

  it("sorts by name in either direction, ignoring letter case; equal names newest first", async () => {
    expect(await names({ sort: "name" })).toEqual(["alpha2", "alpha", "bravo", "charlie", "delta", "echo", "foxtrot"]);
    expect(await names({ sort: "name", order: "desc" })).toEqual(["foxtrot", "echo", "delta", "charlie", "bravo", "alpha2", "alpha"]);
  });

  it("sorts by type, newest first within a type", async () => {
    expect(await names({ sort: "type" })).toEqual(["charlie", "alpha2", "foxtrot", "echo", "delta", "bravo", "alpha"]);
    expect(await names({ sort: "type", order: "desc" })).toEqual(["alpha", "alpha2", "foxtrot", "echo", "delta", "bravo", "charlie"]);
  });

  it("sorts by creation, newest first by default", async () => {
    expect(await names({})).toEqual(["alpha2", "foxtrot", "echo", "delta", "charlie", "alpha", "bravo"]);
    expect(await names({ sort: "created", order: "asc" })).toEqual(["bravo", "alpha", "charlie", "delta", "echo", "foxtrot", "alpha2"]);
  });

  it("sorts by soonest expiry, expired first, and puts clients without an expiring secret last either way", async () => {
    expect(await names({ sort: "expiry" })).toEqual(["foxtrot", "alpha", "bravo", "alpha2", "echo", "delta", "charlie"]);
    expect(await names({ sort: "expiry", order: "desc" })).toEqual(["bravo", "alpha", "foxtrot", "alpha2", "echo", "delta", "charlie"]);
  });

  it("sorts by last use of a secret or (signed JWT) a key, never-used last either way", async () => {
    expect(await names({ sort: "lastUsed" })).toEqual(["delta", "bravo", "echo", "foxtrot", "alpha2", "charlie", "alpha"]);
    expect(await names({ sort: "lastUsed", order: "asc" })).toEqual(["foxtrot", "echo", "bravo", "delta", "alpha2", "charlie", "alpha"]);
  });

  it("sorts within the filters and the search", async () => {
    expect(await names({ sort: "expiry", type: "client-credentials" })).toEqual(["foxtrot", "bravo", "alpha2", "echo", "delta"]);
    expect(await names({ sort: "name", order: "desc", q: "ALPHA" })).toEqual(["alpha2", "alpha"]);
    // Client Ids are hexadecimal: "o" is only in names.
    expect(await names({ sort: "lastUsed", q: "o" })).toEqual(["bravo", "echo", "foxtrot"]);
  });

  it("breaks a tie of the same instant by id, so the order is the same on every page load", async () => {
    await db.client.updateMany({ where: { tenantId: sorted.id, clientId: { in: [id.alpha, id.alpha2] } }, data: { createdAt: new Date() } });
    const twins = await db.client.findMany({ where: { clientId: { in: [id.alpha, id.alpha2] } }, select: { id: true, clientId: true } });
    const expected = twins.sort((a, b) => (a.id < b.id ? -1 : 1)).map((twin) => twin.clientId);
    const listed = (await listClients(sorted.admin, { sort: "name", q: "alpha" })).clients.map((c) => c.clientId);
    expect(listed).toEqual(expected);
    expect((await listClients(sorted.admin, { sort: "created", q: "alpha" })).clients.map((c) => c.clientId)).toEqual(expected);
  });
});

describe("listClients sorting across pages", () => {
  it("pages a sorted list without overlap or gap", async () => {
    const paged = await createTestTenant("list-sort-pages");
    for (let i = 0; i < 12; i++) await createClient(paged.admin, clientInput({ name: `Device ${i}`, secret: { expires: dateInDays(20 + (i % 3)) } }));
    const all = (await listClients(paged.admin, { sort: "expiry", pageSize: 25 })).clients.map((c) => c.name);
    const first = await listClients(paged.admin, { sort: "expiry", pageSize: 10 });
    const second = await listClients(paged.admin, { sort: "expiry", pageSize: 10, page: 2 });
    expect(second).toMatchObject({ total: 12, page: 2, pageCount: 2 });
    expect([...first.clients, ...second.clients].map((c) => c.name)).toEqual(all);
    // Soonest first; equal expiries newest first.
    expect(all.slice(0, 4)).toEqual(["Device 9", "Device 6", "Device 3", "Device 0"]);
    expect((await listClients(paged.admin, { sort: "name", pageSize: 10, page: 2 })).clients.map((c) => c.name)).toEqual(["Device 8", "Device 9"]);
  });
});
