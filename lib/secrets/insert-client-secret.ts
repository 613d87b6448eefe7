import "server-only";
import { DomainError } from "@/lib/errors";
import { recordAuditEvent, type AuditEventInput } from "@/lib/audit/record-audit-event";
import { actorUserId, type TenantContext } from "@/lib/tenants/tenant-context";
import { parseInput } from "@/lib/validation/parse-input";
import { MAX_SECRETS_PER_CLIENT, secretExpiryInstant, ZSecretInput, type TSecretInput } from "@/lib/validation/secret";
import { assertSecretExpiryAllowed, loadTenantPolicy } from "@/lib/tenants/tenant-policy";
import type { Tx } from "@/lib/tenants/tenant-transaction";
import { CONFIDENTIAL_TYPES, type TClientType } from "@/lib/validation/client";
import { generateSecret, type GeneratedSecret } from "./generate-secret";

/** What leaves the server about a secret: never its hash. */
export type SecretSummary = {
  id: string;
  hint: string;
  description: string;
  expiresAt: Date | null;
  createdAt: Date;
  createdByLabel: string;
  lastUsedAt: Date | null;
};

export type CreatedSecret = SecretSummary & {
  /** The only copy of the plaintext there will ever be: return it once, never store it. */
  plaintext: string;
};

/**
 * The one place a client secret is created (portal, CLI and API all come here). Runs
 * inside the caller's transaction; the client row is updated first so that concurrent
 * additions to the same client queue behind each other and the limit holds.
 */
export async function insertClientSecret(
  tx: Tx,
  ctx: TenantContext,
  client: { id: string; clientId: string; name: string; type: string; securityType: string },
  rawInput: TSecretInput,
  /** Where the secret's fields sit in the caller's form, e.g. "secret." when nested. */
  fieldPrefix = "",
): Promise<CreatedSecret> {
  if (!CONFIDENTIAL_TYPES.includes(client.type as TClientType)) {
    throw new DomainError("VALIDATION", "Authorization code clients are public clients and have no secrets");
  }
  if (client.securityType === "signed-jwt") {
    throw new DomainError("VALIDATION", "This client authenticates with signed JWTs: register a public key instead of adding a secret");
  }
  const input = parseInput(ZSecretInput, rawInput);
  assertSecretExpiryAllowed(await loadTenantPolicy(tx, ctx), input.expires, `${fieldPrefix}expires`);
  await tx.client.update({ where: { id: client.id, tenantId: ctx.tenantId }, data: { updatedAt: new Date() } });
  const existing = await tx.clientSecret.count({ where: { clientId: client.id, tenantId: ctx.tenantId } });
  if (existing >= MAX_SECRETS_PER_CLIENT) {
    throw new DomainError("LIMIT", `Limit of ${MAX_SECRETS_PER_CLIENT} secrets reached: delete a secret of this client before adding another.`);
  }
  const secret = generateSecret();
  const row = await tx.clientSecret.create({ data: { clientId: client.id, ...newSecretRow(ctx, input, secret) } });
  await recordAuditEvent(tx, ctx, secretCreatedEvent(client, row));
  return { ...toSecretSummary(row), plaintext: secret.plaintext };
}

export function toSecretSummary(row: SecretSummary & Record<string, unknown>): SecretSummary {
  return {
    id: row.id,
    hint: row.hint,
    description: row.description,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
    createdByLabel: row.createdByLabel,
    lastUsedAt: row.lastUsedAt,
  };
}

/** A secret's row but its client's key: only the hash and hint of the plaintext are stored (also for bulk imports). */
export function newSecretRow(ctx: TenantContext, input: { description: string; expires: string }, secret: GeneratedSecret) {
  return {
    tenantId: ctx.tenantId,
    hash: secret.hash,
    hint: secret.hint,
    description: input.description,
    expiresAt: input.expires === "never" ? null : secretExpiryInstant(input.expires),
    createdById: actorUserId(ctx.actor),
    createdByLabel: ctx.actor.label,
  };
}

/** The audit entry of a new secret: its hint, never the secret or its hash. */
export function secretCreatedEvent(
  client: { clientId: string; name: string },
  row: { id: string; hint: string; description: string; expiresAt: Date | null },
): AuditEventInput {
  return {
    action: "secret.create",
    target: { type: "client", id: client.clientId, label: client.name },
    details: { secretId: row.id, hint: row.hint, description: row.description, expiresAt: row.expiresAt },
  };
}
