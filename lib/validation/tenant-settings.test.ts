import { describe, expect, it } from "vitest";
import { ZTenantSettings } from "./tenant-settings";

const messagesOf = (input: unknown) => ZTenantSettings.safeParse(input).error?.issues.map((issue) => [issue.path.join("."), issue.message]);

describe("ZTenantSettings", () => {
  it("reads an empty maximum as none, and digits as days", () => {
    expect(ZTenantSettings.parse({ maxSecretLifetimeDays: "", clientNamePolicy: "" })).toEqual({
      maxSecretLifetimeDays: null,
      allowNeverExpiringSecrets: true,
      clientNamePolicy: null,
    });
    expect(ZTenantSettings.parse({ maxSecretLifetimeDays: " 90 " }).maxSecretLifetimeDays).toBe(90);
    expect(ZTenantSettings.parse({ maxSecretLifetimeDays: null }).maxSecretLifetimeDays).toBeNull();
  });

  // The Settings form once showed `Invalid input: expected ""` for 12.5: the first branch of a union.
  it.each([
    ["12.5", "Enter whole days"],
    [12.5, "Enter whole days"],
    ["ten", "Enter a number of days, or leave the field empty for no maximum"],
    ["0", "At least 1 day"],
    ["4000", "At most 3650 days (10 years)"],
  ])("refuses a maximum of %j with one plain message", (value, message) => {
    expect(messagesOf({ maxSecretLifetimeDays: value })).toEqual([["maxSecretLifetimeDays", message]]);
  });

  it("refuses an unknown client-name policy by saying so", () => {
    expect(messagesOf({ clientNamePolicy: "anything-goes" })).toEqual([["clientNamePolicy", "Choose one of the client-name policies offered"]]);
  });
});
