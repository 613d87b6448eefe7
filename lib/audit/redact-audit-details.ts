// Audit entries never hold a secret (the domain records none); this is the second line,
// shared by the audit page and the export, so a future mistake reaches neither.
const SECRET_KEYS = new Set(["hash", "secrethash", "plaintext", "secret", "clientsecret", "password", "token"]);

/** Whether a details key may be shown or exported. */
export function isShownAuditKey(key: string): boolean {
  return !SECRET_KEYS.has(key.toLowerCase());
}

/** A copy of parsed details without any secret-named key, at any depth. */
export function redactAuditDetails(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactAuditDetails);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => isShownAuditKey(key))
      .map(([key, inner]) => [key, redactAuditDetails(inner)]),
  );
}
