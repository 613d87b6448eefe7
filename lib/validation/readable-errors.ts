import type { z } from "zod";

type RawIssue = z.core.$ZodRawIssue;

/**
 * Words for an issue the schema gave no message of its own. zod's defaults ("Invalid input:
 * expected object, received string") are written for programmers; a form or terminal
 * shows these instead. Every field a person fills in has its own message in its schema
 * (lib/validation/readable-errors.test.ts checks that), so these mostly answer requests
 * no form produces.
 */
export function readableMessage(issue: RawIssue): string {
  const root = !issue.path?.length;
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return root ? "Nothing was sent: fill in the form and try again" : "Fill in this field";
      if (issue.expected === "int") return "Enter a whole number";
      if (issue.expected === "number") return "Enter a number";
      if (issue.expected === "string") return "Enter text";
      if (issue.expected === "boolean") return "Choose yes or no";
      if (issue.expected === "array") return "Choose from the list";
      return root ? "The request is not in the expected form: reload the page and try again" : "This value is not in the expected form";
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? "Fill in this field" : `Enter at least ${issue.minimum} characters`;
      if (issue.origin === "array" || issue.origin === "set") return `Choose at least ${issue.minimum}`;
      return `Enter ${issue.minimum} or more`;
    case "too_big":
      if (issue.origin === "string") return `Enter at most ${issue.maximum} characters`;
      if (issue.origin === "array" || issue.origin === "set") return `Choose at most ${issue.maximum}`;
      return `Enter ${issue.maximum} or less`;
    case "not_multiple_of":
      return `Enter a multiple of ${issue.divisor}`;
    case "invalid_format":
      return issue.format === "email" ? "Enter a valid email address" : "This value is not in the expected format";
    case "invalid_value":
    case "invalid_union":
      return "Choose one of the options offered";
    default:
      return "This value is not accepted";
  }
}

/**
 * The error map of every parse whose issues can reach a person: the action pipeline
 * (lib/actions/tenant-action.ts) and the domain's own parse (parse-input.ts, also the CLI's
 * path). zod calls it only for issues without a message of their own; outside production it
 * says which, so a missing message shows up in tests and development.
 */
export const readableErrors: z.core.$ZodErrorMap = (issue) => {
  if (process.env.NODE_ENV !== "production") {
    // The path and the kind of problem only: the value may be a secret's description or worse.
    console.warn(`validation: no message of its own for ${issue.code} at "${(issue.path ?? []).join(".") || "(input)"}"`);
  }
  return readableMessage(issue);
};

/** safeParse with readable messages for every issue. */
export function safeParseReadable<S extends z.ZodType>(schema: S, input: unknown) {
  return schema.safeParse(input, { error: readableErrors });
}
