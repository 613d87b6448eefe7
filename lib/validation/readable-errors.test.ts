import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { z } from "zod";
import { readableErrors, safeParseReadable } from "./readable-errors";

// No zod default message ("Invalid input: expected string, received number", "Too big: …")
// may reach a person: every schema in lib/validation is fed a battery of wrong inputs, at
// its root and at each of its fields, and every message that comes back is compared with
// what zod's own English locale would have said.

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, "../..");

const modules = await Promise.all(
  readdirSync(here)
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
    .map(async (file) => ({ file, exports: (await import(`./${file}`)) as Record<string, unknown> })),
);
const schemas = modules.flatMap(({ file, exports }) =>
  Object.entries(exports)
    .filter((entry): entry is [string, z.ZodType] => entry[1] instanceof z.ZodType)
    .map(([name, schema]) => ({ name: `${file}:${name}`, schema })),
);

/** The schema every action parses its input with (lib/actions/*-action.ts: `schema: ZName`). */
const actionSchemaNames = readdirSync(path.join(root, "lib/actions"))
  .filter((file) => file.endsWith("-action.ts") && file !== "tenant-action.ts")
  .map((file) => /schema:\s*(Z\w+)/.exec(readFileSync(path.join(root, "lib/actions", file), "utf8"))?.[1] ?? `(none in ${file})`);

const WRONG: unknown[] = [
  undefined,
  null,
  "",
  "   ",
  "x".repeat(20_000),
  "12.5",
  "-1",
  "abc",
  "never",
  "Infinity",
  12.5,
  -1,
  0,
  1e12,
  Number.NaN,
  true,
  [],
  [""],
  [12],
  {},
  { unexpected: 1 },
];

/** zod's English message for an issue, as it would have been without our messages. */
const englishDefault = z.locales.en().localeError!;
const DEFAULT_LOOKS = [/^Invalid input/, /^Invalid option/, /^Too (big|small):/, /^Invalid (string|number|key|element|discriminator)/, /^Unrecognized key/];

function allIssues(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  // A union's branches keep their own issues, and forms show the closest branch's message.
  return issues.flatMap((issue) => [issue, ...(issue.code === "invalid_union" ? issue.errors.flatMap(allIssues) : [])]);
}

function isDefault(issue: z.core.$ZodIssue): boolean {
  const english = englishDefault(issue as z.core.$ZodRawIssue);
  const text = typeof english === "string" ? english : english?.message;
  return issue.message === text || DEFAULT_LOOKS.some((look) => look.test(issue.message));
}

type Def = { type: string; innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType; shape?: Record<string, z.ZodType>; options?: z.ZodType[] };
const defOf = (schema: z.ZodType) => schema._zod.def as unknown as Def;

/** The schema under optional/default/catch/preprocess/transform wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  const def = defOf(schema);
  if (def.innerType) return unwrap(def.innerType);
  if (def.type === "pipe" && def.in && def.out) return unwrap(defOf(def.in).type === "transform" ? def.out : def.in);
  return schema;
}

// What a form or the command line can send for a field of each kind: text for text
// fields (numbers come as text from the CLI and as numbers from number inputs), booleans
// for checkboxes, lists of ids for checklists; and any field can be left out.
const SENDABLE: Record<string, unknown[]> = {
  string: ["", "   ", "x".repeat(20_000), "12.5", "-1", "abc", "never"],
  number: ["", "12.5", "-1", "abc", "Infinity", 12.5, -1, 0, 1e12, Number.NaN],
  boolean: [],
  array: [[], [""], ["x".repeat(20_000)], Array.from({ length: 500 }, (_, i) => `id-${i}`)],
  enum: ["", "bogus"],
  literal: ["", "bogus"],
};
SENDABLE.union = [...SENDABLE.string!, ...SENDABLE.number!];

/** Inputs that are right at the top but wrong in one field (nested objects included), with `values` for a field. */
function wrongFields(schema: z.ZodType, values: (field: z.ZodType) => unknown[], depth = 0): { field: string; input: Record<string, unknown> }[] {
  const inner = unwrap(schema);
  const def = defOf(inner);
  if (def.type === "union" && def.options) return def.options.flatMap((option) => wrongFields(option, values, depth));
  if (def.type !== "object" || !def.shape || depth > 2) return [];
  // An option of a discriminated union is chosen by its literal: keep it while other fields go wrong.
  const literals = Object.entries(def.shape).filter(([, field]) => defOf(field).type === "literal");
  const base = Object.fromEntries(literals.map(([key, field]) => [key, (defOf(field) as unknown as { values: unknown[] }).values[0]]));
  return Object.entries(def.shape).flatMap(([key, field]) => [
    ...values(field).map((value) => ({ field: key, input: { ...base, [key]: value } })),
    ...wrongFields(field, values, depth + 1).map((nested) => ({ field: `${key}.${nested.field}`, input: { ...base, [key]: nested.input } })),
  ]);
}

const sendable = (field: z.ZodType) => [undefined, ...(SENDABLE[defOf(unwrap(field)).type] ?? [])];
const anything = () => WRONG;

describe("messages a person understands", () => {
  let warn: MockInstance;
  beforeEach(() => {
    warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
  });
  afterEach(() => {
    warn.mockRestore();
  });

  it("finds the schemas, including every action's", () => {
    expect(schemas.length).toBeGreaterThan(30);
    const names = new Set(schemas.map(({ name }) => name.split(":")[1]));
    expect(actionSchemaNames.length).toBeGreaterThan(15);
    for (const name of actionSchemaNames) expect(names, `the schema of an action: ${name}`).toContain(name);
  });

  it.each(schemas)("$name has a message of its own for whatever a form or the CLI can send", ({ schema }) => {
    const uncovered = new Map<string, string>();
    for (const { field, input } of wrongFields(schema, sendable)) {
      const result = schema.safeParse(input, { reportInput: true, error: (issue) => (issue.path?.length ? "(no message)" : undefined) });
      for (const issue of allIssues(result.error?.issues ?? [])) {
        const where = `${issue.path.join(".") || "(input)"}: ${issue.code}`;
        if ((issue.message === "(no message)" || isDefault(issue)) && !uncovered.has(where))
          uncovered.set(where, `${field} = ${JSON.stringify(input)?.slice(0, 60)}`);
      }
    }
    expect([...uncovered].map(([where, example]) => `${where}, e.g. ${example}`).join("\n")).toBe("");
  });

  it.each(schemas)("$name says nothing in zod's words through the pipeline's parse", ({ schema }) => {
    const inputs = [...WRONG, ...wrongFields(schema, anything).map(({ input }) => input)];
    for (const input of inputs) {
      const result = schema.safeParse(input, { reportInput: true, error: readableErrors });
      for (const issue of allIssues(result.error?.issues ?? []))
        expect(isDefault(issue), `${issue.message} for ${JSON.stringify(input)?.slice(0, 80)}`).toBe(false);
    }
  });
});

describe("the pipeline's error map", () => {
  it("answers what a schema left unsaid in plain words, and says which in development", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const bare = z.object({ name: z.string().max(3), count: z.number().int(), tags: z.array(z.string()).min(2), kind: z.enum(["a", "b"]) });
    const result = safeParseReadable(bare, { name: "long", count: 1.5, tags: [], kind: "c" });
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["name", "Enter at most 3 characters"],
      ["count", "Enter a whole number"],
      ["tags", "Choose at least 2"],
      ["kind", "Choose one of the options offered"],
    ]);
    expect(safeParseReadable(bare, "text").error?.issues[0]?.message).toBe("The request is not in the expected form: reload the page and try again");
    expect(warn).toHaveBeenCalledWith('validation: no message of its own for too_big at "name"');
    expect(JSON.stringify(warn.mock.calls)).not.toContain("long");
    warn.mockRestore();
  });

  it("leaves a schema's own message alone", () => {
    expect(safeParseReadable(z.string().min(1, "Enter a name"), "").error?.issues[0]?.message).toBe("Enter a name");
  });
});
