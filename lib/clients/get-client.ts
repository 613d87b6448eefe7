import "server-only";
import { db, type Db } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenants/tenant-context";
import type { TClientType, TSecurityType, TTokenSigningAlg } from "@/lib/validation/client";
import { clientUriLists } from "./client-uris";

/** What the client page shows and edits: no secret, no hash, no internal row id. */
export type ClientDetails = {
  clientId: string;
  type: TClientType;
  name: string;
  description: string;
  tokenLifetime: number;
  tokenSigningAlg: TTokenSigningAlg;
  /** "signed-jwt" only for client-credentials clients that authenticate with public keys. */
  securityType: TSecurityType;
  /** Only hybrid clients can have refresh tokens. */
  allowRefreshToken: boolean;
  environment: { id: string; name: string };
  /** Each list in the order the admin entered it. */
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  corsOrigins: string[];
  createdAt: Date;
  createdByLabel: string;
  updatedAt: Date;
};

const SELECT = {
  id: true,
  clientId: true,
  type: true,
  name: true,
  description: true,
  tokenLifetime: true,
  tokenSigningAlg: true,
  securityType: true,
  allowRefreshToken: true,
  createdAt: true,
  createdByLabel: true,
  updatedAt: true,
  environment: { select: { id: true, name: true } },
  uris: { select: { kind: true, uri: true }, orderBy: { position: "asc" } },
} as const;

/**
 * One of the tenant's clients with its row id (for updates in the same transaction),
 * found by public id *and* tenant: another tenant's client answers "not found".
 */
export async function loadClientDetails(tx: Pick<Db, "client">, ctx: TenantContext, clientId: string) {
  const row = await tx.client.findFirst({ where: { clientId: clientId.trim().toLowerCase(), tenantId: ctx.tenantId }, select: SELECT });
  if (!row) throw notFound("Client");
  const lists = clientUriLists(row.uris);
  const details: ClientDetails = {
    clientId: row.clientId,
    type: row.type as TClientType,
    name: row.name,
    description: row.description,
    tokenLifetime: row.tokenLifetime,
    tokenSigningAlg: row.tokenSigningAlg as TTokenSigningAlg,
    securityType: row.securityType as TSecurityType,
    allowRefreshToken: row.allowRefreshToken,
    environment: row.environment,
    ...lists,
    createdAt: row.createdAt,
    createdByLabel: row.createdByLabel,
    updatedAt: row.updatedAt,
  };
  return { id: row.id, details };
}

/** A client of the tenant, for any member (the page shows members a read-only view). */
export async function getClient(ctx: TenantContext, clientId: string): Promise<ClientDetails> {
  return (await loadClientDetails(db, ctx, clientId)).details;
}
