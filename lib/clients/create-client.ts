import "server-only";
import { randomUUID } from "node:crypto";
import { isUniqueViolation } from "@/lib/db/prisma-errors";
import { DomainError } from "@/lib/errors";
import { recordAuditEvent, type AuditEventInput } from "@/lib/audit/record-audit-event";
import { resolveTenantRoleIds } from "@/lib/roles/resolve-tenant-role-ids";
import { insertClientKey, type ClientKeySummary } from "@/lib/client-keys/insert-client-key";
import { insertClientSecret, type CreatedSecret } from "@/lib/secrets/insert-client-secret";
import { actorUserId, assertAdministrator, type TenantContext } from "@/lib/tenants/tenant-context";
import { assertClientNameAllowed, loadTenantPolicy } from "@/lib/tenants/tenant-policy";
import {
  CLIENT_ID_IN_USE,
  ZCreateClient,
  type TCreateAuthorizationCodeClient,
  type TCreateClient,
  type TCreateClientCredentialsClient,
  type TCreateHybridClient,
  type TSecurityType,
} from "@/lib/validation/client";
import { parseInput } from "@/lib/validation/parse-input";
import { clientUriRows } from "./client-uris";
import { resolveEnvironment } from "./resolve-environment";
import { tenantTransaction } from "@/lib/tenants/tenant-transaction";

export type CreatedClient = {
  id: string;
  clientId: string;
  name: string;
  type: string;
  tokenLifetime: number;
  environment: string;
  roles: string[];
  securityType: TSecurityType;
  tokenSigningAlg: string;
  /** The first secret of a client that has secrets; authorization code and signed-JWT clients have none. */
  secret: CreatedSecret | null;
  /** The first public key of a signed-JWT client. */
  key: ClientKeySummary | null;
};

/** A client-credentials (client secret) or hybrid client, created with its first secret. */
export type CreatedConfidentialClient = CreatedClient & { secret: CreatedSecret };

export async function createClient(ctx: TenantContext, rawInput: TCreateAuthorizationCodeClient): Promise<CreatedClient & { secret: null }>;
export async function createClient(
  ctx: TenantContext,
  rawInput: TCreateClientCredentialsClient & { securityType: "signed-jwt" },
): Promise<CreatedClient & { key: ClientKeySummary }>;
export async function createClient(ctx: TenantContext, rawInput: TCreateClientCredentialsClient | TCreateHybridClient): Promise<CreatedConfidentialClient>;
export async function createClient(ctx: TenantContext, rawInput: TCreateClient): Promise<CreatedClient>;
export async function createClient(ctx: TenantContext, rawInput: TCreateClient): Promise<CreatedClient> {
  assertAdministrator(ctx);
  const input = parseInput(ZCreateClient, rawInput);
  const clientId = input.clientId || randomUUID();

  try {
    return await tenantTransaction(ctx, async (tx) => {
      assertClientNameAllowed(await loadTenantPolicy(tx, ctx), input.name);
      if (await tx.client.findUnique({ where: { clientId }, select: { id: true } })) {
        throw new DomainError("CONFLICT", CLIENT_ID_IN_USE, "clientId");
      }
      const environment = await resolveEnvironment(tx, ctx, input.environmentId);
      const roles = await resolveTenantRoleIds(tx, ctx, input.type === "client-credentials" ? input.roleIds : []);
      const uris = input.type === "client-credentials" ? [] : clientUriRows(input);
      const securityType = input.type === "client-credentials" ? input.securityType : "client-secret";
      const client = await tx.client.create({
        data: {
          tenantId: ctx.tenantId,
          environmentId: environment.id,
          clientId,
          type: input.type,
          name: input.name,
          nameSearch: input.name.toLowerCase(),
          description: input.description,
          tokenLifetime: input.tokenLifetime,
          allowRefreshToken: input.type === "hybrid" && input.allowRefreshToken,
          securityType,
          tokenSigningAlg: input.tokenSigningAlg,
          createdById: actorUserId(ctx.actor),
          createdByLabel: ctx.actor.label,
          roles: { create: roles.map((role) => ({ roleId: role.id })) },
          uris: { create: uris },
        },
      });
      await recordAuditEvent(tx, ctx, clientCreatedEvent(client, environment.name, roles, uris));
      // The schema guarantees the secret or key that the security type needs.
      const secret =
        input.type === "authorization-code" || securityType === "signed-jwt" ? null : await insertClientSecret(tx, ctx, client, input.secret!, "secret.");
      const key =
        input.type === "client-credentials" && securityType === "signed-jwt" ? await insertClientKey(tx, ctx, client, input.publicKey!, "publicKey.") : null;
      return {
        id: client.id,
        clientId: client.clientId,
        name: client.name,
        type: client.type,
        tokenLifetime: client.tokenLifetime,
        environment: environment.name,
        roles: roles.map((role) => role.name),
        securityType: client.securityType as TSecurityType,
        tokenSigningAlg: client.tokenSigningAlg,
        secret,
        key,
      };
    });
  } catch (error) {
    // Two concurrent creations with the same caller-given id: the loser lands here.
    if (isUniqueViolation(error)) throw new DomainError("CONFLICT", CLIENT_ID_IN_USE, "clientId");
    throw error;
  }
}

/** The audit entry of a new client (also written by bulk imports, so both log the same facts). */
export function clientCreatedEvent(
  client: {
    clientId: string;
    type: string;
    name: string;
    description: string;
    tokenLifetime: number;
    tokenSigningAlg: string;
    securityType: string;
    allowRefreshToken: boolean;
  },
  environmentName: string,
  roles: { name: string }[],
  uris: { kind: string; uri: string }[],
): AuditEventInput {
  return {
    action: "client.create",
    target: { type: "client", id: client.clientId, label: client.name },
    details: {
      after: {
        type: client.type,
        name: client.name,
        description: client.description,
        environment: environmentName,
        tokenLifetime: client.tokenLifetime,
        tokenSigningAlg: client.tokenSigningAlg,
        ...(client.type === "client-credentials" ? { securityType: client.securityType } : {}),
        allowRefreshToken: client.allowRefreshToken,
        roles: roles.map((role) => role.name),
        ...Object.fromEntries(uris.map((u) => [u.kind, uris.filter((x) => x.kind === u.kind).map((x) => x.uri)])),
      },
    },
  };
}
