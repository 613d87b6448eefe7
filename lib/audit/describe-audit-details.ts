// Turns an audit event's stored details (JSON of non-secret before/after values) into
// what the audit page shows: the fields that changed, plus any other facts recorded.
import { SECURITY_TYPE_LABELS } from "@/lib/validation/client";
import { isShownAuditKey } from "./redact-audit-details";

export type AuditChange = { field: string; before?: string; after?: string };
export type AuditFact = { field: string; value: string };
export type AuditDetails = { changes: AuditChange[]; facts: AuditFact[] };

const FIELD_LABELS: Record<string, string> = {
  maxSecretLifetimeDays: "Maximum secret lifetime (days)",
  allowNeverExpiringSecrets: "Secrets that never expire allowed",
  clientNamePolicy: "Client-name policy",
  tokenLifetime: "Token lifetime (seconds)",
  tokenSigningAlg: "Token signing algorithm",
  securityType: "Security type",
  allowRefreshToken: "Refresh tokens allowed",
  // client.create records URLs by kind, client.update by field.
  redirect: "Redirect URLs",
  "post-logout-redirect": "Logout redirect URLs",
  "cors-origin": "CORS origins",
  redirectUris: "Redirect URLs",
  postLogoutRedirectUris: "Logout redirect URLs",
  corsOrigins: "CORS origins",
  secretId: "Secret id",
  hint: "Secret starts with",
  expiresAt: "Expires",
  clientId: "Client Id",
  // key.create / key.delete: the row's id, the id the application puts in its JWT header,
  // and the RFC 7638 thumbprint that identifies the public key itself.
  keyId: "Key id",
  kid: "JWT key id (kid)",
  thumbprint: "Thumbprint (SHA-256)",
  key: "Key type",
  // sign-in.bound / sign-in.refused: the identity at the company's provider.
  issuer: "Identity provider",
  subject: "Subject at the provider",
  reason: "Reason",
  emailVerified: "email_verified claim",
  // audit.export: what was exported.
  format: "Format",
  filter: "Filters",
};

/** Stored codes shown by their names, e.g. securityType "signed-jwt" → "Signed JWT". */
const VALUE_LABELS: Record<string, Record<string, string>> = { securityType: SECURITY_TYPE_LABELS };

export function describeAuditDetails(json: string): AuditDetails {
  const details = parseRecord(json);
  if (!details) return { changes: [], facts: [] };
  const { before, after, ...rest } = details;
  const b = isRecord(before) ? before : undefined;
  const a = isRecord(after) ? after : undefined;
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])].filter(isShownAuditKey);
  const changes = keys
    // With both sides recorded, only what changed; a creation or deletion shows everything.
    .filter((key) => !(b && a && JSON.stringify(b[key]) === JSON.stringify(a[key])))
    .map((key) => ({
      field: fieldLabel(key),
      ...(b ? { before: formatField(key, b[key]) } : {}),
      ...(a ? { after: formatField(key, a[key]) } : {}),
    }));
  const facts = Object.entries({ ...rest, ...(b ? {} : { before }), ...(a ? {} : { after }) })
    .filter(([key, value]) => isShownAuditKey(key) && value !== undefined)
    .map(([key, value]) => ({ field: fieldLabel(key), value: formatField(key, value) }));
  return { changes, facts };
}

function parseRecord(json: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(json);
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** "maxSecretLifetimeDays" → "Max secret lifetime days", unless it has a label of its own. */
export function fieldLabel(key: string): string {
  const known = FIELD_LABELS[key];
  if (known) return known;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[-_.]+/g, " ")
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function formatField(key: string, value: unknown): string {
  return (typeof value === "string" && VALUE_LABELS[key]?.[value]) || formatValue(value);
}

// Dates arrive as JSON's ISO strings, e.g. a secret's expiry.
const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(\.\d+)?)?Z$/;

export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (value === "") return "(empty)";
  if (typeof value === "string" && ISO_INSTANT.test(value)) return value.replace(ISO_INSTANT, "$1 $2 UTC");
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.length ? value.map(formatValue).join(", ") : "none";
  if (isRecord(value)) {
    return Object.entries(value)
      .filter(([key]) => isShownAuditKey(key))
      .map(([key, item]) => `${fieldLabel(key)}: ${formatField(key, item)}`)
      .join("; ");
  }
  return String(value);
}
