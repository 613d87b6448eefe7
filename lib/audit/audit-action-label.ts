// Human labels for audit actions ("client.create" → "Client created"). Actions without a
// label of their own are spelled out from their name, so new ones never show up blank.

const LABELS: Record<string, string> = {
  "tenant.create": "Tenant created",
  "tenant.settings": "Tenant settings changed",
  "secret.create": "Secret added",
  "secret.delete": "Secret deleted",
  "key.create": "Key added",
  "key.delete": "Key deleted",
  "client.roles": "Client's roles changed",
  "client.auth-failures": "Many failed client sign-ins",
  "membership.create": "User added",
  "membership.roles": "User's roles changed",
  "membership.delete": "User removed",
  "sign-in.bound": "Bound to the identity provider",
  "sign-in.refused": "Sign-in refused",
  "membership.sessions-end": "User signed out everywhere",
  "audit.export": "Audit log exported",
};

const VERBS: Record<string, string> = { create: "created", update: "changed", delete: "deleted", rename: "renamed" };

export function auditActionLabel(action: string): string {
  const known = LABELS[action];
  if (known) return known;
  const words = action.split(".").flatMap((part) => part.split("-"));
  const last = words.at(-1) ?? "";
  const phrase = [...words.slice(0, -1), VERBS[last] ?? last].join(" ");
  return phrase.charAt(0).toUpperCase() + phrase.slice(1);
}
