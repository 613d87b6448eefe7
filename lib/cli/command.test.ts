// The CLI's argument parsing: a value may begin with "-", but never be `--` or one of the
// command's own options, and only the command's own options count as options.
import { describe, expect, it } from "vitest";
import { parseCommandArgs, UsageError, type Options } from "./command";

const options: Options = { kid: { type: "string" }, json: { type: "boolean" } };

describe("parseCommandArgs", () => {
  it("takes a value beginning with a dash", () => {
    expect(parseCommandArgs(options, ["--kid", "-Q1x"])).toEqual({ kid: "-Q1x" });
  });

  it("does not take `--` as a value", () => {
    expect(() => parseCommandArgs(options, ["--kid", "--"])).toThrow(new UsageError("--kid needs a value"));
  });

  it("counts only the command's own options, not what every object inherits", () => {
    expect(parseCommandArgs(options, ["--kid", "--constructor"])).toEqual({ kid: "--constructor" });
    expect(parseCommandArgs(options, ["--kid", "--toString=1"])).toEqual({ kid: "--toString=1" });
    expect(() => parseCommandArgs(options, ["--constructor", "x"])).toThrow(/Unknown option '--constructor'/);
    expect(() => parseCommandArgs(options, ["--kid", "--json"])).toThrow(new UsageError("--kid needs a value"));
  });
});
