import { beforeAll, describe, expect, it } from "vitest";
import type { Output, Values } from "@/lib/cli/command";
import { setSettingsCommand, showSettingsCommand } from "@/lib/cli/commands/settings";
import { createClient, type CreatedConfidentialClient } from "@/lib/clients/create-client";
import { db } from "@/lib/db/prisma";
import { addClientSecret } from "@/lib/secrets/add-client-secret";
import { clientInput, createTestTenant, dateInDays, expectDomainError, tenantState, type TestTenant } from "@/lib/testing/fixtures";
import { getTenantSettings } from "./get-tenant-settings";
import { updateTenantSettings } from "./update-tenant-settings";

const NAME_POLICY = "letters-digits-underscores-min5";
const DEFAULTS = { maxSecretLifetimeDays: null, allowNeverExpiringSecrets: true, clientNamePolicy: null };

async function settingsEvents(tenantId: string) {
  const events = await db.auditEvent.findMany({ where: { tenantId, action: "tenant.settings" }, orderBy: { createdAt: "asc" } });
  return events.map((e) => ({ actorLabel: e.actorLabel, target: [e.targetType, e.targetId, e.targetLabel], details: JSON.parse(e.details) as unknown }));
}

async function stateWithSettings(tenant: TestTenant) {
  return { ...(await tenantState(tenant.id)), settings: await getTenantSettings(tenant.admin) };
}

describe("updateTenantSettings", () => {
  let tenant: TestTenant;
  beforeAll(async () => {
    tenant = await createTestTenant("settings");
  });

  it("starts with no policy, then saves a change with its before/after in the audit log", async () => {
    expect(await getTenantSettings(tenant.admin)).toEqual(DEFAULTS);
    const result = await updateTenantSettings(tenant.admin, { maxSecretLifetimeDays: "", allowNeverExpiringSecrets: false, clientNamePolicy: NAME_POLICY });
    const after = { maxSecretLifetimeDays: null, allowNeverExpiringSecrets: false, clientNamePolicy: NAME_POLICY };
    expect(result).toEqual({ settings: after, changed: true });
    expect(await getTenantSettings(tenant.admin)).toEqual(after);
    expect(await settingsEvents(tenant.id)).toEqual([
      { actorLabel: tenant.admin.actor.label, target: ["tenant", tenant.slug, tenant.name], details: { before: DEFAULTS, after } },
    ]);
  });

  it("stores 'never expires' as not allowed whenever a maximum lifetime is set", async () => {
    const result = await updateTenantSettings(tenant.admin, { maxSecretLifetimeDays: "30", allowNeverExpiringSecrets: true, clientNamePolicy: null });
    expect(result.settings).toEqual({ maxSecretLifetimeDays: 30, allowNeverExpiringSecrets: false, clientNamePolicy: null });
  });

  it("records nothing when nothing changes", async () => {
    const before = await stateWithSettings(tenant);
    const result = await updateTenantSettings(tenant.admin, { maxSecretLifetimeDays: 30, allowNeverExpiringSecrets: false, clientNamePolicy: "" });
    expect(result.changed).toBe(false);
    expect(await stateWithSettings(tenant)).toEqual(before);
  });

  it.each([
    [{ maxSecretLifetimeDays: 0 }, "maxSecretLifetimeDays"],
    [{ maxSecretLifetimeDays: 3651 }, "maxSecretLifetimeDays"],
    [{ maxSecretLifetimeDays: "1.5" }, "maxSecretLifetimeDays"],
    [{ maxSecretLifetimeDays: "ten" }, "maxSecretLifetimeDays"],
    [{ clientNamePolicy: "anything-goes" }, "clientNamePolicy"],
  ])("refuses %j with VALIDATION and changes nothing", async (input, field) => {
    const before = await stateWithSettings(tenant);
    await expectDomainError(updateTenantSettings(tenant.admin, input as never), "VALIDATION", { field });
    expect(await stateWithSettings(tenant)).toEqual(before);
  });

  it("accepts the bounds 1 and 3650 days", async () => {
    expect((await updateTenantSettings(tenant.admin, { maxSecretLifetimeDays: 1 })).settings.maxSecretLifetimeDays).toBe(1);
    expect((await updateTenantSettings(tenant.admin, { maxSecretLifetimeDays: 3650 })).settings.maxSecretLifetimeDays).toBe(3650);
  });
});

describe("who may change settings", () => {
  let a: TestTenant;
  let b: TestTenant;
  beforeAll(async () => {
    [a, b] = await Promise.all([createTestTenant("settings-a"), createTestTenant("settings-b")]);
  });

  it("refuses a member without Account Administrator and changes nothing", async () => {
    const before = await stateWithSettings(a);
    await expectDomainError(updateTenantSettings(a.member, { maxSecretLifetimeDays: 5 }), "FORBIDDEN");
    expect(await stateWithSettings(a)).toEqual(before);
  });

  it("changes only the administrator's own tenant", async () => {
    const beforeA = await stateWithSettings(a);
    await updateTenantSettings(b.admin, { maxSecretLifetimeDays: 7, clientNamePolicy: NAME_POLICY });
    expect(await stateWithSettings(a)).toEqual(beforeA);
    expect(await getTenantSettings(b.admin)).toMatchObject({ maxSecretLifetimeDays: 7, clientNamePolicy: NAME_POLICY });
  });
});

describe("the policy is enforced where secrets and clients are made", () => {
  let tenant: TestTenant;
  let existing: CreatedConfidentialClient;
  beforeAll(async () => {
    tenant = await createTestTenant("policy");
    // Made before any policy: a short name and a secret that never expires.
    existing = await createClient(tenant.admin, clientInput({ name: "ab", secret: { expires: "never" } }));
  });

  it("refuses a secret beyond the maximum lifetime, with the message on the expiry field", async () => {
    await updateTenantSettings(tenant.admin, { maxSecretLifetimeDays: 30 });
    const before = await tenantState(tenant.id);
    await expectDomainError(createClient(tenant.admin, clientInput({ secret: { expires: dateInDays(31) } })), "VALIDATION", {
      field: "secret.expires",
      message: /at most 30 days/,
    });
    await expectDomainError(addClientSecret(tenant.admin, existing.clientId, { expires: dateInDays(31) }), "VALIDATION", {
      field: "expires",
      message: /at most 30 days/,
    });
    await expectDomainError(addClientSecret(tenant.admin, existing.clientId, { expires: "never" }), "VALIDATION", { field: "expires" });
    expect(await tenantState(tenant.id)).toEqual(before);

    await createClient(tenant.admin, clientInput({ secret: { expires: dateInDays(30) } }));
    await addClientSecret(tenant.admin, existing.clientId, { expires: dateInDays(30) });
  });

  it("refuses 'never expires' when not allowed, but takes any date without a maximum", async () => {
    await updateTenantSettings(tenant.admin, { maxSecretLifetimeDays: null, allowNeverExpiringSecrets: false });
    await expectDomainError(createClient(tenant.admin, clientInput({ secret: { expires: "never" } })), "VALIDATION", {
      field: "secret.expires",
      message: /every secret to expire/,
    });
    await expectDomainError(addClientSecret(tenant.admin, existing.clientId, { expires: "never" }), "VALIDATION", { field: "expires" });
    await addClientSecret(tenant.admin, existing.clientId, { expires: dateInDays(3000) });
  });

  it("checks new client names against the name policy", async () => {
    await updateTenantSettings(tenant.admin, { allowNeverExpiringSecrets: true, clientNamePolicy: NAME_POLICY });
    for (const name of ["abcd", "with space", "dash-name", "ümlaut_name"]) {
      await expectDomainError(createClient(tenant.admin, clientInput({ name })), "VALIDATION", { field: "name", message: /at least 5 characters/ });
    }
    expect((await createClient(tenant.admin, clientInput({ name: "Plant_04" }))).name).toBe("Plant_04");
  });

  it("leaves existing clients and secrets as they were", async () => {
    const row = await db.client.findUniqueOrThrow({ where: { clientId: existing.clientId }, include: { secrets: true } });
    expect(row.name).toBe("ab");
    expect(row.secrets.find((s) => s.id === existing.secret.id)?.expiresAt).toBeNull();
  });
});

describe("CLI: settings show / set", () => {
  function capture() {
    const lines: string[] = [];
    const json: unknown[] = [];
    const out: Output = { json: false, print: (text) => lines.push(text), printJson: (value) => json.push(value) };
    return { out, lines, json };
  }

  it("changes only the given settings and prints the result", async () => {
    const tenant = await createTestTenant("settings-cli");
    await updateTenantSettings(tenant.admin, { clientNamePolicy: NAME_POLICY });
    const run = (values: Values) => setSettingsCommand.run({ tenant: tenant.slug, ...values }, capture().out);
    await run({ "max-secret-lifetime-days": "90" });
    expect(await getTenantSettings(tenant.admin)).toEqual({ maxSecretLifetimeDays: 90, allowNeverExpiringSecrets: false, clientNamePolicy: NAME_POLICY });
    await run({ "max-secret-lifetime-days": "none", "never-expiring": "allow", "client-name-policy": "none" });
    expect(await getTenantSettings(tenant.admin)).toEqual(DEFAULTS);
    expect((await settingsEvents(tenant.id)).at(-1)).toMatchObject({ actorLabel: "cli" });

    const shown = capture();
    await showSettingsCommand.run({ tenant: tenant.slug }, { ...shown.out, json: true });
    expect(shown.json).toEqual([{ tenant: tenant.slug, ...DEFAULTS }]);
  });

  it("refuses bad flags before touching anything", async () => {
    const tenant = await createTestTenant("settings-cli-bad");
    const before = await stateWithSettings(tenant);
    const run = (values: Values) => setSettingsCommand.run({ tenant: tenant.slug, ...values }, capture().out);
    await expect(run({})).rejects.toThrow("at least one setting");
    await expect(run({ "never-expiring": "maybe" })).rejects.toThrow("allow or deny");
    await expectDomainError(run({ "max-secret-lifetime-days": "0" }), "VALIDATION", { field: "maxSecretLifetimeDays" });
    await expectDomainError(run({ "client-name-policy": "weird" }), "VALIDATION", { field: "clientNamePolicy" });
    expect(await stateWithSettings(tenant)).toEqual(before);
  });
});
