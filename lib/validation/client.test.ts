import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { TOKEN_LIFETIME, ZClientId, ZCreateClientCredentialsClient, ZTokenLifetime } from "./client";

const V4_GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("token lifetime", () => {
  it.each([60, 61, 120, 3599, 3600, "60", "3600"])("accepts %j seconds", (value) => {
    expect(ZTokenLifetime.parse(value)).toBe(Number(value));
  });

  it.each([59, 3601, 0, -60, 60.5, 3599.9, "120.5", "abc", "", Number.NaN, Infinity])("rejects %j", (value) => {
    expect(ZTokenLifetime.safeParse(value).success).toBe(false);
  });

  it("names the bound that was crossed", () => {
    expect(ZTokenLifetime.safeParse(59).error?.issues[0]?.message).toMatch(/at least 60 seconds/);
    expect(ZTokenLifetime.safeParse(3601).error?.issues[0]?.message).toMatch(/at most 3600 seconds/);
    expect(ZTokenLifetime.safeParse(60.5).error?.issues[0]?.message).toMatch(/whole number/);
  });

  it("defaults to one hour when a client is created without one", () => {
    expect(TOKEN_LIFETIME).toEqual({ min: 60, max: 3600, default: 3600 });
    const parsed = ZCreateClientCredentialsClient.parse({ type: "client-credentials", name: "Billing", secret: { expires: "never" } });
    expect(parsed.tokenLifetime).toBe(3600);
    expect(parsed.roleIds).toEqual([]);
  });

  it("is validated on client creation", () => {
    const base = { type: "client-credentials", name: "Billing", secret: { expires: "never" } } as const;
    expect(ZCreateClientCredentialsClient.safeParse({ ...base, tokenLifetime: 3601 }).success).toBe(false);
    expect(ZCreateClientCredentialsClient.safeParse({ ...base, tokenLifetime: 59 }).success).toBe(false);
    expect(ZCreateClientCredentialsClient.parse({ ...base, tokenLifetime: 60 }).tokenLifetime).toBe(60);
  });
});

describe("client id (GUID)", () => {
  it("accepts every GUID the server generates, and those are version 4", () => {
    // create-client.ts generates missing ids with randomUUID(); they must pass the same schema.
    for (let i = 0; i < 200; i++) {
      const id = randomUUID();
      expect(id).toMatch(V4_GUID);
      expect(ZClientId.parse(id)).toBe(id);
    }
  });

  it("normalises upper case and surrounding spaces to one canonical form", () => {
    expect(ZClientId.parse("  3F2C8A4E-5B1D-4C6F-9A0E-7D2B1C3E4F5A ")).toBe("3f2c8a4e-5b1d-4c6f-9a0e-7d2b1c3e4f5a");
  });

  it.each([
    "",
    "not-a-guid",
    "3f2c8a4e5b1d4c6f9a0e7d2b1c3e4f5a",
    "{3f2c8a4e-5b1d-4c6f-9a0e-7d2b1c3e4f5a}",
    "3f2c8a4e-5b1d-4c6f-9a0e-7d2b1c3e4f5",
    "3f2c8a4e-5b1d-4c6f-9a0e-7d2b1c3e4f5a0",
    "3f2c8a4e-5b1d-4c6f-9a0e-7d2b1c3e4f5g",
    "3f2c8a4e-5b1d-4c6f-9a0e_7d2b1c3e4f5a",
    "3f2c8a4e-5b1d-4c6f-9a0e-7d2b1c3e4f5a\nx",
  ])("rejects %j", (value) => {
    const result = ZClientId.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/must be a GUID/);
  });

  it("treats an empty id on creation as 'generate one'", () => {
    const base = { type: "client-credentials", name: "Billing", secret: { expires: "never" } } as const;
    expect(ZCreateClientCredentialsClient.parse({ ...base, clientId: "" }).clientId).toBeUndefined();
    // One message, the field's own (a union here once showed zod's `Invalid input: expected ""`).
    expect(ZCreateClientCredentialsClient.safeParse({ ...base, clientId: "nope" }).error?.issues).toEqual([
      expect.objectContaining({ path: ["clientId"], message: expect.stringMatching(/^Client Id must be a GUID/) }),
    ]);
  });
});
