import type { FieldPath, FieldValues, UseFormSetError } from "react-hook-form";
import type { ActionResult } from "@/lib/actions/action-result";

/**
 * Puts a failed action's field errors on the form's fields (each message on its own line)
 * and returns the general message for a banner, plus the fields that were hit.
 */
export function applyActionErrors<T extends FieldValues>(setError: UseFormSetError<T>, result: Extract<ActionResult<unknown>, { ok: false }>): string[] {
  const fields = Object.keys(result.fieldErrors ?? {});
  for (const [path, messages] of Object.entries(result.fieldErrors ?? {})) {
    setError(path as FieldPath<T>, { type: "server", message: messages.join("\n") });
  }
  return fields;
}

/** A react-hook-form message split back into lines for <Field errors>. */
export function messageLines(message?: string): string[] | undefined {
  return message ? message.split("\n") : undefined;
}
