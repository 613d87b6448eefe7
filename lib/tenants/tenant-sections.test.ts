import { describe, expect, it } from "vitest";
import { maySeeSection, visibleSections } from "./tenant-sections";

describe("tenant sections", () => {
  it("shows administrators every section and members all but the audit log", () => {
    expect(visibleSections({ isAdministrator: true }).map((s) => s.label)).toEqual(["Clients", "Users", "Roles", "Environments", "Audit log", "Settings"]);
    expect(visibleSections({ isAdministrator: false }).map((s) => s.label)).toEqual(["Clients", "Users", "Roles", "Environments", "Settings"]);
  });

  it("is the rule the audit page applies", () => {
    expect(maySeeSection({ isAdministrator: false }, "/audit")).toBe(false);
    expect(maySeeSection({ isAdministrator: true }, "/audit")).toBe(true);
  });
});
