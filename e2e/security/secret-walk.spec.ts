// Security regression (and an accessibility sweep of every tenant page on the way): a client secret's plaintext exists only in the response of the
// action that created it and in the one-time dialog. After the dialog closes it must be
// in no page, RSC payload, network response, URL, storage, database column or log line,
// and its hash must never reach a browser at all.
import { createHash } from "node:crypto";
import { expect, signInAs, test } from "../support/fixtures";
import { copySecretAndClose, recordResponses, requestToken } from "../support/secrets";
import { expectNoSeriousAxeViolations } from "../support/axe";
import { dumpDatabase } from "../support/security";
import { expectAbsentFromServerLog } from "../support/server-log";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

test("after the dialog closes, no secret is in any page, payload, response, column or log", async ({ page, tenant }) => {
  test.setTimeout(120_000);
  const responses = await recordResponses(page);
  await signInAs(page.request, tenant.admin);

  // Three secrets, made through the portal: a client-credentials client, a hybrid client,
  // and a second secret added on the secrets tab.
  await page.goto(`/t/${tenant.slug}/clients/new?type=client-credentials`);
  await page.getByLabel("Name").fill("Leak check service");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Add", exact: true }).click();
  const first = await copySecretAndClose(page);
  await expect(page).toHaveURL(new RegExp(`/clients/${first.clientId}/connect\\?created=1$`));

  await page.goto(`/t/${tenant.slug}/clients/new?type=hybrid`);
  await page.getByLabel("Name").fill("Leak check web app");
  await page.getByLabel("Allowed redirect URLs").fill("https://web.example.test/signin-oidc");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Add", exact: true }).click();
  const hybrid = await copySecretAndClose(page);
  await expect(page).toHaveURL(new RegExp(`/clients/${hybrid.clientId}/connect\\?created=1$`));

  await page.goto(`/t/${tenant.slug}/clients/${first.clientId}/secrets`);
  await page.getByRole("button", { name: "Add secret" }).first().click();
  await page.getByLabel("Secret description").fill("second secret");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  const second = await copySecretAndClose(page);

  const secrets = [first.secret, hybrid.secret, second.secret];
  expect(new Set(secrets).size).toBe(3);
  for (const secret of secrets) expect(secret).toMatch(/^lk_[A-Za-z0-9_-]{43}$/);
  // Used once, so "last used" pages render something about it too.
  expect((await requestToken(first.clientId, first.secret)).status).toBe(200);

  // Walk every page: full loads and in-app navigation (RSC payloads), as admin.
  const base = `/t/${tenant.slug}`;
  const pages = [
    "/clients",
    `/clients?q=${encodeURIComponent("leak")}`,
    "/clients/new",
    `/clients/${first.clientId}`,
    `/clients/${first.clientId}/secrets`,
    `/clients/${first.clientId}/roles`,
    `/clients/${first.clientId}/connect`,
    `/clients/${hybrid.clientId}`,
    `/clients/${hybrid.clientId}/secrets`,
    `/clients/${hybrid.clientId}/connect`,
    "/users",
    "/roles",
    "/environments",
    "/audit",
    "/settings",
  ];
  for (const path of pages) {
    const response = await page.goto(base + path);
    expect(response?.status(), path).toBe(200);
    await page.waitForLoadState("networkidle");
    const visible = await page.evaluate(
      () => document.documentElement.outerHTML + JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + location.href,
    );
    for (const secret of secrets) expect(visible, path).not.toContain(secret);
    await expectNoSeriousAxeViolations(page);
  }
  await page.goto(`${base}/clients`);
  for (const link of ["Users", "Roles", "Environments", "Audit log", "Settings", "Clients"]) {
    await page.getByRole("navigation", { name: "Tenant" }).getByRole("link", { name: link }).click();
    await page.waitForLoadState("networkidle");
  }
  for (const api of [`/api/t/${tenant.slug}/audit`, `/api/t/${tenant.slug}/audit/export?format=json`, `/api/t/${tenant.slug}/audit/export?format=csv`]) {
    const answer = await page.request.get(api);
    expect(answer.status(), api).toBe(200);
    responses.push({ kind: "other", url: answer.url(), body: await answer.text() });
  }

  // Each plaintext appears in exactly one response, the action that created it; no hash
  // appears in any response at all.
  for (const secret of secrets) {
    const carriers = responses.filter((r) => r.body.includes(secret));
    expect(
      carriers.map((r) => r.kind),
      "responses carrying the secret",
    ).toEqual(["action"]);
    for (const r of responses) expect(r.body, r.url).not.toContain(sha256(secret));
  }
  expect(responses.filter((r) => r.kind === "rsc").length, "in-app navigations were recorded").toBeGreaterThan(3);

  // The database holds only hashes, and only in ClientSecret.hash; the log holds neither.
  const dump = dumpDatabase();
  const rows = JSON.parse(dump) as Record<string, Record<string, unknown>[]>;
  expectAbsentFromServerLog({ "a secret": secrets, "a secret's hash": secrets.map(sha256) });
  for (const secret of secrets) {
    expect(dump).not.toContain(secret);
    expect(rows.clientSecret!.filter((row) => row.hash === sha256(secret))).toHaveLength(1);
    const { clientSecret: _stored, ...others } = rows;
    expect(JSON.stringify(others)).not.toContain(sha256(secret));
  }
});
