import { describe, expect, it } from "vitest";
import { ACCOUNT_ADMINISTRATOR, ACCOUNT_MEMBER, BUILT_IN_ROLES, withAccountMember } from "./built-in-roles";

const MEMBER = "role-member";

function count(list: readonly string[], value: string): number {
  return list.filter((item) => item === value).length;
}

describe("withAccountMember", () => {
  it("adds Account Member when nothing was chosen", () => {
    expect(withAccountMember([], MEMBER)).toEqual([MEMBER]);
  });

  it("adds Account Member to the chosen roles and keeps them", () => {
    const result = withAccountMember(["role-a", "role-b"], MEMBER);
    expect(count(result, MEMBER)).toBe(1);
    expect([...result].sort()).toEqual(["role-a", "role-b", MEMBER].sort());
  });

  it.each([[[MEMBER]], [[MEMBER, MEMBER]], [["role-a", MEMBER, "role-b", MEMBER]]])(
    "keeps Account Member exactly once when it was chosen too: %j",
    (chosen) => {
      const result = withAccountMember(chosen, MEMBER);
      expect(count(result, MEMBER)).toBe(1);
    },
  );

  it("drops duplicate choices", () => {
    expect(withAccountMember(["role-a", "role-a"], MEMBER).sort()).toEqual(["role-a", MEMBER].sort());
  });

  it("does not modify its input", () => {
    const chosen = ["role-a"];
    withAccountMember(chosen, MEMBER);
    expect(chosen).toEqual(["role-a"]);
  });
});

it("defines exactly the two protected roles", () => {
  expect(BUILT_IN_ROLES.map((r) => [r.builtIn, r.name])).toEqual([
    [ACCOUNT_ADMINISTRATOR, "Account Administrator"],
    [ACCOUNT_MEMBER, "Account Member"],
  ]);
});
