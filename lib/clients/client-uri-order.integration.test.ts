import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { createTestTenant, type TestTenant } from "@/lib/testing/fixtures";
import { createClient } from "./create-client";
import { getClient } from "./get-client";
import { updateClient } from "./update-client";

// Issue 9: URL lists came back sorted after a save. They must read back in the order the
// administrator entered them, on create and on update, on SQLite and PostgreSQL alike.

let tenant: TestTenant;

beforeAll(async () => {
  tenant = await createTestTenant("uri-order");
});

// Deliberately not sorted: a sort anywhere would reorder them.
const REDIRECTS = ["https://zeta.example.com/cb", "http://localhost:5173/callback", "https://alpha.example.com/cb", "https://mid.example.com/cb"];
const LOGOUTS = ["https://zeta.example.com/out", "https://alpha.example.com/out"];
const ORIGINS = ["https://zeta.example.com", "https://alpha.example.com:8443", "http://localhost:5173"];

describe("URL lists keep the order entered", () => {
  it("on create, for every list of an authorization code client", async () => {
    const { clientId } = await createClient(tenant.admin, {
      type: "authorization-code",
      name: "Ordered",
      redirectUris: REDIRECTS.join("\n"),
      postLogoutRedirectUris: LOGOUTS,
      corsOrigins: ORIGINS.map((origin) => `${origin}/`).join("\n"),
    });
    expect(await getClient(tenant.admin, clientId)).toMatchObject({ redirectUris: REDIRECTS, postLogoutRedirectUris: LOGOUTS, corsOrigins: ORIGINS });
  });

  it("on update, where a new order alone is a change (saved and audited)", async () => {
    const { clientId } = await createClient(tenant.admin, { type: "hybrid", name: "Reordered", redirectUris: REDIRECTS, secret: { expires: "never" } });
    const reversed = [...REDIRECTS].reverse();
    const result = await updateClient(tenant.admin, { type: "hybrid", clientId, redirectUris: reversed.join("\n"), postLogoutRedirectUris: LOGOUTS });
    expect(result.changed).toEqual(["redirectUris", "postLogoutRedirectUris"]);
    expect(await getClient(tenant.admin, clientId)).toMatchObject({ redirectUris: reversed, postLogoutRedirectUris: LOGOUTS });
    const event = await db.auditEvent.findFirstOrThrow({ where: { tenantId: tenant.id, targetId: clientId, action: "client.update" } });
    expect(JSON.parse(event.details)).toMatchObject({ before: { redirectUris: REDIRECTS }, after: { redirectUris: reversed } });

    // Saving the same order again changes nothing.
    expect((await updateClient(tenant.admin, { type: "hybrid", clientId, redirectUris: reversed })).changed).toEqual([]);
  });

  it("whatever order the database happens to return the rows in", async () => {
    const { clientId } = await createClient(tenant.admin, { type: "authorization-code", name: "Stored order", redirectUris: REDIRECTS });
    // PostgreSQL writes a row whose indexed column changed as a new version at the end of
    // the table: after this round trip a read without ORDER BY returns the first URL last.
    const first = { client: { clientId }, kind: "redirect" };
    await db.clientUri.updateMany({ where: { ...first, uri: REDIRECTS[0] }, data: { uri: `${REDIRECTS[0]}?moved` } });
    await db.clientUri.updateMany({ where: { ...first, uri: `${REDIRECTS[0]}?moved` }, data: { uri: REDIRECTS[0] } });
    expect((await getClient(tenant.admin, clientId)).redirectUris).toEqual(REDIRECTS);
  });
});
