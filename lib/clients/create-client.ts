import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/prisma";
import { isUniqueViolation } from "@/lib/db/is-unique-violation";
import { DomainError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { resolveTenantRoleIds } from "@/lib/roles/resolve-tenant-role-ids";
import { insertClientSecret, type CreatedSecret } from "@/lib/secrets/insert-client-secret";
import { actorUserId, assertAdministrator, type TenantContext } from "@/lib/tenants/tenant-context";
import { ZCreateClientCredentialsClient, type TCreateClientCredentialsClient } from "@/lib/validation/client";
import { parseInput } from "@/lib/validation/parse-input";

export type CreatedClient = {
  id: string;
  clientId: string;
  name: string;
  type: string;
  tokenLifetime: number;
  roles: string[];
  secret: CreatedSecret;
};

const DUPLICATE_CLIENT_ID = "A client with this Client Id already exists. Leave it empty to generate one.";

export async function createClient(ctx: TenantContext, rawInput: TCreateClientCredentialsClient): Promise<CreatedClient> {
  assertAdministrator(ctx);
  const input = parseInput(ZCreateClientCredentialsClient, rawInput);
  const clientId = input.clientId || randomUUID();

  try {
    return await db.$transaction(async (tx) => {
      if (await tx.client.findUnique({ where: { clientId }, select: { id: true } })) {
        throw new DomainError("CONFLICT", DUPLICATE_CLIENT_ID, "clientId");
      }
      const roles = await resolveTenantRoleIds(tx, ctx, input.roleIds);
      const client = await tx.client.create({
        data: {
          tenantId: ctx.tenantId,
          clientId,
          type: input.type,
          name: input.name,
          description: input.description,
          tokenLifetime: input.tokenLifetime,
          createdById: actorUserId(ctx.actor),
          createdByLabel: ctx.actor.label,
          roles: { create: roles.map((role) => ({ roleId: role.id })) },
        },
      });
      await recordAuditEvent(tx, ctx, {
        action: "client.create",
        target: { type: "client", id: client.clientId, label: client.name },
        details: {
          after: {
            type: client.type,
            name: client.name,
            tokenLifetime: client.tokenLifetime,
            roles: roles.map((role) => role.name),
          },
        },
      });
      const secret = await insertClientSecret(tx, ctx, client, input.secret);
      return {
        id: client.id,
        clientId: client.clientId,
        name: client.name,
        type: client.type,
        tokenLifetime: client.tokenLifetime,
        roles: roles.map((role) => role.name),
        secret,
      };
    });
  } catch (error) {
    // Two concurrent creations with the same caller-given id: the loser lands here.
    if (isUniqueViolation(error)) throw new DomainError("CONFLICT", DUPLICATE_CLIENT_ID, "clientId");
    throw error;
  }
}
