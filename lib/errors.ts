// Errors a user can act on. Anything else is a bug: it is logged and answered with a
// generic message, so internals never reach a browser or a terminal.
export type DomainErrorCode = "VALIDATION" | "NOT_FOUND" | "FORBIDDEN" | "CONFLICT" | "LIMIT";

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** The input field the message belongs to, so forms can show it in place. */
    readonly field?: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export function notFound(what: string): DomainError {
  return new DomainError("NOT_FOUND", `${what} not found`);
}
