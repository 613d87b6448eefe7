import "server-only";
import type { JWK } from "jose";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { DomainError } from "@/lib/errors";
import { actorUserId, type TenantContext } from "@/lib/tenants/tenant-context";
import type { Tx } from "@/lib/tenants/tenant-transaction";
import { MAX_KEYS_PER_CLIENT, ZPublicKeyInput, type TPublicKeyInput } from "@/lib/validation/client-key";
import { parseInput } from "@/lib/validation/parse-input";
import { assertionAlg, describeJwk, parsePublicKey } from "./parse-public-key";

/** What leaves the server about a registered key: its public facts only. */
export type ClientKeySummary = {
  id: string;
  kid: string;
  thumbprint: string;
  /** e.g. "EC P-256", "RSA 2048". */
  summary: string;
  /** What the application signs its assertions with, e.g. "ES256". */
  alg: string;
  description: string;
  createdAt: Date;
  createdByLabel: string;
  lastUsedAt: Date | null;
};

/**
 * The one place a public key is registered for a signed-JWT client (portal, CLI, client
 * creation). Runs inside the caller's tenant transaction, which takes the tenant's lock
 * first, so the limit holds under concurrent additions.
 */
export async function insertClientKey(
  tx: Tx,
  ctx: TenantContext,
  client: { id: string; clientId: string; name: string; type: string; securityType: string },
  rawInput: TPublicKeyInput,
  /** Where the key's fields sit in the caller's form, e.g. "publicKey." when nested. */
  fieldPrefix = "",
): Promise<ClientKeySummary> {
  if (client.type !== "client-credentials" || client.securityType !== "signed-jwt") {
    throw new DomainError("VALIDATION", "Only client-credentials clients of the Signed JWT security type have public keys");
  }
  const input = parseInput(ZPublicKeyInput, rawInput);
  const parsed = await parsePublicKey(input.key, `${fieldPrefix}key`);
  const existing = await tx.clientKey.findMany({ where: { clientId: client.id, tenantId: ctx.tenantId }, select: { kid: true, thumbprint: true } });
  if (existing.length >= MAX_KEYS_PER_CLIENT) {
    throw new DomainError("LIMIT", `Limit of ${MAX_KEYS_PER_CLIENT} keys reached: delete a key of this client before adding another.`);
  }
  if (existing.some((k) => k.thumbprint === parsed.thumbprint))
    throw new DomainError("CONFLICT", "This key is already registered for this client.", `${fieldPrefix}key`);
  if (existing.some((k) => k.kid === parsed.kid)) {
    throw new DomainError("CONFLICT", `Another key of this client has the key id "${parsed.kid}": give this key a different "kid".`, `${fieldPrefix}key`);
  }
  const row = await tx.clientKey.create({
    data: {
      tenantId: ctx.tenantId,
      clientId: client.id,
      kid: parsed.kid,
      jwk: JSON.stringify(parsed.jwk),
      thumbprint: parsed.thumbprint,
      description: input.description,
      createdById: actorUserId(ctx.actor),
      createdByLabel: ctx.actor.label,
    },
  });
  await recordAuditEvent(tx, ctx, {
    action: "key.create",
    target: { type: "client", id: client.clientId, label: client.name },
    details: { keyId: row.id, kid: row.kid, thumbprint: row.thumbprint, key: describeJwk(parsed.jwk), description: row.description },
  });
  return toClientKeySummary(row);
}

export function toClientKeySummary(row: Omit<ClientKeySummary, "summary" | "alg"> & { jwk: string }): ClientKeySummary {
  const jwk = JSON.parse(row.jwk) as JWK;
  return {
    id: row.id,
    kid: row.kid,
    thumbprint: row.thumbprint,
    summary: describeJwk(jwk),
    alg: assertionAlg(jwk),
    description: row.description,
    createdAt: row.createdAt,
    createdByLabel: row.createdByLabel,
    lastUsedAt: row.lastUsedAt,
  };
}
