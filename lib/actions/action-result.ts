import type { FieldErrors } from "@/lib/validation/parse-input";

export type ActionErrorCode = "VALIDATION" | "UNAUTHENTICATED" | "NOT_FOUND" | "FORBIDDEN" | "CONFLICT" | "LIMIT" | "INTERNAL";

/** What every server action returns: data, or an error the browser may show as is. */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; code: ActionErrorCode; message: string; fieldErrors?: FieldErrors };
