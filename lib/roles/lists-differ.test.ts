import { describe, expect, it } from "vitest";
import { assignmentSummary } from "./assignment-summary";
import { listsDiffer } from "./lists-differ";

describe("listsDiffer", () => {
  it("ignores order and repeats", () => {
    expect(listsDiffer(["a", "b"], ["b", "a"])).toBe(false);
    expect(listsDiffer(["a", "a"], ["a"])).toBe(false);
    expect(listsDiffer([], [])).toBe(false);
  });

  it("sees an added, removed or replaced name", () => {
    expect(listsDiffer(["a"], ["a", "b"])).toBe(true);
    expect(listsDiffer(["a", "b"], ["a"])).toBe(true);
    expect(listsDiffer(["a"], ["b"])).toBe(true);
  });
});

describe("assignmentSummary", () => {
  it("counts users and clients in words", () => {
    expect(assignmentSummary(0, 1)).toBe("0 users and 1 client");
    expect(assignmentSummary(1, 2)).toBe("1 user and 2 clients");
  });
});
