import { describe, expect, it } from "vitest";
import { auditActionLabel } from "./audit-action-label";
import { describeAuditDetails, fieldLabel, formatValue } from "./describe-audit-details";

describe("describeAuditDetails", () => {
  it("lists only the fields that changed between before and after", () => {
    const details = JSON.stringify({
      before: { maxSecretLifetimeDays: null, allowNeverExpiringSecrets: true, clientNamePolicy: null },
      after: { maxSecretLifetimeDays: 90, allowNeverExpiringSecrets: false, clientNamePolicy: null },
    });
    expect(describeAuditDetails(details)).toEqual({
      changes: [
        { field: "Maximum secret lifetime (days)", before: "none", after: "90" },
        { field: "Secrets that never expire allowed", before: "yes", after: "no" },
      ],
      facts: [],
    });
  });

  it("shows every value of a creation (after only) and of a deletion (before only)", () => {
    expect(describeAuditDetails(JSON.stringify({ after: { name: "Staging", roles: ["A", "B"], description: "" } })).changes).toEqual([
      { field: "Name", after: "Staging" },
      { field: "Roles", after: "A, B" },
      { field: "Description", after: "(empty)" },
    ]);
    expect(describeAuditDetails(JSON.stringify({ before: { name: "Old" } })).changes).toEqual([{ field: "Name", before: "Old" }]);
  });

  it("shows a field added or removed between before and after", () => {
    const { changes } = describeAuditDetails(JSON.stringify({ before: { a: 1 }, after: { b: [] } }));
    expect(changes).toEqual([
      { field: "A", before: "1", after: "none" },
      { field: "B", before: "none", after: "none" },
    ]);
  });

  it("keeps other recorded facts, nested ones spelled out", () => {
    const details = JSON.stringify({ secretId: "s-1", hint: "lk_abcd", expiresAt: null, removedFrom: { users: 2, clients: 0 } });
    expect(describeAuditDetails(details).facts).toEqual([
      { field: "Secret id", value: "s-1" },
      { field: "Secret starts with", value: "lk_abcd" },
      { field: "Expires", value: "none" },
      { field: "Removed from", value: "Users: 2; Clients: 0" },
    ]);
  });

  it("never shows a field named like a secret, even if one were recorded by mistake", () => {
    const details = JSON.stringify({
      hash: "deadbeef",
      plaintext: "lk_x",
      before: { clientSecret: "lk_y", name: "a" },
      after: { clientSecret: "lk_z", name: "b", nested: { password: "p", ok: 1 } },
    });
    const text = JSON.stringify(describeAuditDetails(details));
    for (const value of ["deadbeef", "lk_x", "lk_y", "lk_z", '"p"']) expect(text).not.toContain(value);
    expect(text).toContain("Ok: 1");
  });

  it("reads a key's audit entry: its kid, thumbprint and type, by name", () => {
    const details = JSON.stringify({
      keyId: "k-1",
      kid: "plant-04-2026",
      thumbprint: "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs",
      key: "EC P-256",
      description: "historian",
    });
    expect(describeAuditDetails(details)).toEqual({
      changes: [],
      facts: [
        { field: "Key id", value: "k-1" },
        { field: "JWT key id (kid)", value: "plant-04-2026" },
        { field: "Thumbprint (SHA-256)", value: "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs" },
        { field: "Key type", value: "EC P-256" },
        { field: "Description", value: "historian" },
      ],
    });
  });

  it("names a client's security type and token signing algorithm, created or changed", () => {
    const created = describeAuditDetails(JSON.stringify({ after: { type: "client-credentials", tokenSigningAlg: "ES256", securityType: "signed-jwt" } }));
    expect(created.changes).toEqual([
      { field: "Type", after: "client-credentials" },
      { field: "Token signing algorithm", after: "ES256" },
      { field: "Security type", after: "Signed JWT" },
    ]);
    const changed = describeAuditDetails(JSON.stringify({ before: { tokenSigningAlg: "ES256" }, after: { tokenSigningAlg: "RS256" } }));
    expect(changed.changes).toEqual([{ field: "Token signing algorithm", before: "ES256", after: "RS256" }]);
    // A code without a name of its own is shown as stored.
    expect(describeAuditDetails(JSON.stringify({ after: { securityType: "mtls" } })).changes).toEqual([{ field: "Security type", after: "mtls" }]);
  });

  it("copes with empty, invalid or non-object details", () => {
    for (const json of ["{}", "", "not json", "[1,2]", "null", '"text"']) expect(describeAuditDetails(json)).toEqual({ changes: [], facts: [] });
  });
});

describe("labels", () => {
  it("spells out field names and formats values", () => {
    expect(fieldLabel("tokenLifetime")).toBe("Token lifetime (seconds)");
    expect(fieldLabel("someNewField")).toBe("Some new field");
    expect(fieldLabel("post-logout-redirect")).toBe("Logout redirect URLs");
    expect(formatValue(true)).toBe("yes");
    expect(formatValue([])).toBe("none");
    expect(formatValue(0)).toBe("0");
    expect(formatValue("2027-11-22T00:00:00.000Z")).toBe("2027-11-22 00:00 UTC");
    expect(formatValue("not 2027-11-22T00:00:00.000Z")).toBe("not 2027-11-22T00:00:00.000Z");
  });

  it("names every action, known or not", () => {
    expect(auditActionLabel("client.create")).toBe("Client created");
    expect(auditActionLabel("environment.update")).toBe("Environment changed");
    expect(auditActionLabel("secret.create")).toBe("Secret added");
    expect(auditActionLabel("tenant.settings")).toBe("Tenant settings changed");
    expect(auditActionLabel("client.roles")).toBe("Client's roles changed");
    expect(auditActionLabel("membership.roles")).toBe("User's roles changed");
    expect(auditActionLabel("widget.frobnicate")).toBe("Widget frobnicate");
    expect(auditActionLabel("membership.delete")).toBe("User removed");
    expect(auditActionLabel("key.create")).toBe("Key added");
    expect(auditActionLabel("key.delete")).toBe("Key deleted");
  });
});
