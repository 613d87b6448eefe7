import type { z } from "zod";
import { DomainError } from "@/lib/errors";
import { safeParseReadable } from "./readable-errors";

/** Field path → messages, the shape forms show inline. */
export type FieldErrors = Record<string, string[]>;

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}

/**
 * Domain functions parse their own input too, so the CLI and any future caller get the
 * same rules as the portal; a failure becomes a DomainError naming the field.
 */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = safeParseReadable(schema, raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new DomainError("VALIDATION", issue?.message ?? "This value is not accepted", issue?.path.join(".") || undefined);
}
