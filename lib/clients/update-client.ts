import "server-only";
import { DomainError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { assertAdministrator, type TenantContext } from "@/lib/tenants/tenant-context";
import { assertClientNameAllowed, loadTenantPolicy } from "@/lib/tenants/tenant-policy";
import { ZUpdateClient, type TUpdateClient } from "@/lib/validation/client";
import { parseInput } from "@/lib/validation/parse-input";
import { clientUriRows, uriList, URI_KINDS } from "./client-uris";
import { loadClientDetails, type ClientDetails } from "./get-client";
import { resolveEnvironment } from "./resolve-environment";
import { tenantTransaction } from "@/lib/tenants/tenant-transaction";

/** The fields an update can change, as the audit log names them. */
type Snapshot = {
  name: string;
  description: string;
  environment: string;
  tokenLifetime: number;
  tokenSigningAlg: string;
  allowRefreshToken: boolean;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  corsOrigins: string[];
};
type SnapshotField = keyof Snapshot;

export type UpdatedClient = { clientId: string; name: string; changed: SnapshotField[] };

const URI_FIELDS = { redirectUris: URI_KINDS.redirect, postLogoutRedirectUris: URI_KINDS.postLogoutRedirect, corsOrigins: URI_KINDS.corsOrigin } as const;
type UriField = keyof typeof URI_FIELDS;

function snapshotOf(client: ClientDetails): Snapshot {
  return {
    name: client.name,
    description: client.description,
    environment: client.environment.name,
    tokenLifetime: client.tokenLifetime,
    tokenSigningAlg: client.tokenSigningAlg,
    allowRefreshToken: client.allowRefreshToken,
    redirectUris: client.redirectUris,
    postLogoutRedirectUris: client.postLogoutRedirectUris,
    corsOrigins: client.corsOrigins,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Changes a client's details. Only fields that really change are written and audited
 * ("client.update" with their before/after); an update that changes nothing writes nothing.
 */
export async function updateClient(ctx: TenantContext, rawInput: TUpdateClient): Promise<UpdatedClient> {
  assertAdministrator(ctx);
  const input = parseInput(ZUpdateClient, rawInput);
  return tenantTransaction(ctx, async (tx) => {
    const { id, details } = await loadClientDetails(tx, ctx, input.clientId);
    if (details.type !== input.type) {
      throw new DomainError("VALIDATION", "A client's type cannot change: create a new client of the other type instead", "type");
    }
    const environment = input.environmentId === undefined ? details.environment : await resolveEnvironment(tx, ctx, input.environmentId);
    const before = snapshotOf(details);
    const after: Snapshot = {
      name: input.name ?? before.name,
      description: input.description ?? before.description,
      environment: environment.name,
      tokenLifetime: input.tokenLifetime ?? before.tokenLifetime,
      tokenSigningAlg: input.tokenSigningAlg ?? before.tokenSigningAlg,
      allowRefreshToken: input.type === "hybrid" ? (input.allowRefreshToken ?? before.allowRefreshToken) : false,
      redirectUris: input.type === "client-credentials" ? [] : uriList(input.redirectUris ?? before.redirectUris),
      postLogoutRedirectUris: input.type === "client-credentials" ? [] : uriList(input.postLogoutRedirectUris ?? before.postLogoutRedirectUris),
      corsOrigins: input.type === "authorization-code" ? uriList(input.corsOrigins ?? before.corsOrigins) : [],
    };
    const changed = (Object.keys(after) as SnapshotField[]).filter((field) => !same(before[field], after[field]));
    if (changed.length === 0) return { clientId: details.clientId, name: details.name, changed };

    // Checked only when the name changes: a policy adopted later must not block editing
    // the other fields of a client named before it.
    if (changed.includes("name")) assertClientNameAllowed(await loadTenantPolicy(tx, ctx), after.name);

    await tx.client.update({
      where: { id, tenantId: ctx.tenantId },
      data: {
        name: after.name,
        nameSearch: after.name.toLowerCase(),
        description: after.description,
        environmentId: environment.id,
        tokenLifetime: after.tokenLifetime,
        tokenSigningAlg: after.tokenSigningAlg,
        allowRefreshToken: after.allowRefreshToken,
      },
    });
    for (const field of Object.keys(URI_FIELDS) as UriField[]) {
      if (!changed.includes(field)) continue;
      await tx.clientUri.deleteMany({ where: { clientId: id, kind: URI_FIELDS[field] } });
      const rows = clientUriRows({ [field]: after[field] });
      if (rows.length) await tx.clientUri.createMany({ data: rows.map((row) => ({ ...row, clientId: id })) });
    }
    await recordAuditEvent(tx, ctx, {
      action: "client.update",
      target: { type: "client", id: details.clientId, label: after.name },
      details: {
        before: Object.fromEntries(changed.map((field) => [field, before[field]])),
        after: Object.fromEntries(changed.map((field) => [field, after[field]])),
      },
    });
    return { clientId: details.clientId, name: after.name, changed };
  });
}
