import type { MultipleFieldErrors } from "react-hook-form";

/** A field's error as react-hook-form reports it, also for fields whose value type is unknown. */
export type FieldErrorLike = { message?: string; types?: MultipleFieldErrors };

/**
 * Every message of a field, each its own line: from the browser's validation (forms use
 * criteriaMode "all", which keeps them all in `types`) or from the server (applyActionErrors
 * joins them with new lines).
 */
export function fieldMessages(error: FieldErrorLike | undefined): string[] | undefined {
  if (!error) return undefined;
  const fromTypes = Object.values(error.types ?? {}).flatMap((value) => (Array.isArray(value) ? value : typeof value === "string" ? [value] : []));
  const lines = fromTypes.length > 0 ? fromTypes : (error.message ?? "").split("\n");
  const unique = [...new Set(lines.filter(Boolean))];
  return unique.length > 0 ? unique : undefined;
}

/** aria-describedby for a control with a hint and possibly errors (ids as <Field> renders them). */
export function describedBy(id: string, options: { hint?: boolean; error?: boolean }): string | undefined {
  const ids = [options.hint ? `${id}-hint` : null, options.error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}
