import { describe, expect, it } from "vitest";
import { ZEmail } from "./user";

describe("ZEmail, the one normaliser of email addresses", () => {
  it("trims and lowercases an ASCII address", () => {
    expect(ZEmail.parse("  Kate@Corp.Example ")).toBe("kate@corp.example");
  });

  it("refuses an address that only Unicode case folding makes ASCII (the Kelvin sign)", () => {
    expect("\u212Aate@corp.example".toLowerCase()).toBe("kate@corp.example");
    const result = ZEmail.safeParse("\u212Aate@corp.example");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Email addresses can use only ASCII letters, digits and symbols");
  });

  it.each(["ｋate@corp.example", "kate@corp.exampl\u0435", "k\u00e4te@corp.example", "kate@co rp.example"])("refuses %j", (value) => {
    expect(ZEmail.safeParse(value).success).toBe(false);
  });
});
