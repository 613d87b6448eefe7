import "server-only";
import { db } from "@/lib/db/prisma";
import type { TenantContext } from "@/lib/tenants/tenant-context";
import { ZClientListQuery, type TClientListQuery } from "@/lib/validation/client-list";
import { parseInput } from "@/lib/validation/parse-input";
import { countClients, findClientPageIds } from "./find-client-page-ids";

export type ClientListItem = {
  clientId: string;
  type: string;
  name: string;
  environment: string;
  roles: string[];
  /** "signed-jwt": the client has public keys instead of secrets. */
  securityType: string;
  secretCount: number;
  /** Soonest expiry among the client's secrets, including ones already expired. */
  soonestExpiry: Date | null;
  /** Of its secrets, or of its keys for a signed-JWT client. */
  lastUsedAt: Date | null;
  createdAt: Date;
  /** Who created it: an email, or how the CLI introduced itself. */
  createdByLabel: string;
};

export type ClientListPage = {
  clients: ClientListItem[];
  /** Clients matching the filters, on all pages. */
  total: number;
  /** 1-based; a page past the end is answered with the last one. */
  page: number;
  pageSize: number;
  pageCount: number;
  /** The tenant's environments, for the filter and the column. */
  environments: { id: string; name: string }[];
};

/**
 * One page of the tenant's clients, newest first unless the query sorts otherwise. Built to
 * stay fast with 100,000 clients and 300,000 secrets: filters and order run in the database
 * (find-client-page-ids.ts), and the page's details and secret aggregates are loaded for
 * its clients only.
 */
export async function listClients(ctx: TenantContext, rawQuery: TClientListQuery = {}): Promise<ClientListPage> {
  const query = parseInput(ZClientListQuery, rawQuery);
  const [environments, total] = await Promise.all([
    db.environment.findMany({ where: { tenantId: ctx.tenantId }, orderBy: [{ createdAt: "asc" }, { name: "asc" }], select: { id: true, name: true } }),
    countClients(ctx, query),
  ]);
  // The count first: it says how to find the page (a search with many matches reads the
  // order's index), and a hand-edited or stale link past the end gets the last page.
  const page = Math.min(query.page, pageCountOf(total, query.pageSize));
  const ids = await findClientPageIds(ctx, query, page, total);

  const [rows, secrets, keys] = await Promise.all([
    ids.length ? findRows(ctx, ids) : [],
    ids.length
      ? db.clientSecret.groupBy({
          by: ["clientId"],
          where: { tenantId: ctx.tenantId, clientId: { in: ids } },
          _count: { _all: true },
          _min: { expiresAt: true },
          _max: { lastUsedAt: true },
        })
      : [],
    // Only signed-JWT clients have keys.
    ids.length ? db.clientKey.groupBy({ by: ["clientId"], where: { tenantId: ctx.tenantId, clientId: { in: ids } }, _max: { lastUsedAt: true } }) : [],
  ]);
  const secretsByClient = new Map(secrets.map((s) => [s.clientId, s]));
  const keyUseByClient = new Map(keys.map((k) => [k.clientId, k._max.lastUsedAt]));
  const environmentNames = new Map(environments.map((e) => [e.id, e.name]));
  const position = new Map(ids.map((id, index) => [id, index]));

  return {
    clients: rows
      .sort((a, b) => position.get(a.id)! - position.get(b.id)!)
      .map((row) => {
        const aggregate = secretsByClient.get(row.id);
        return {
          clientId: row.clientId,
          type: row.type,
          name: row.name,
          environment: environmentNames.get(row.environmentId) ?? "",
          roles: row.roles.map((r) => r.role.name).sort(),
          securityType: row.securityType,
          secretCount: aggregate?._count._all ?? 0,
          soonestExpiry: aggregate?._min.expiresAt ?? null,
          lastUsedAt: (row.securityType === "signed-jwt" ? keyUseByClient.get(row.id) : aggregate?._max.lastUsedAt) ?? null,
          createdAt: row.createdAt,
          createdByLabel: row.createdByLabel,
        };
      }),
    total,
    page,
    pageSize: query.pageSize,
    pageCount: pageCountOf(total, query.pageSize),
    environments,
  };
}

const pageCountOf = (total: number, pageSize: number) => Math.max(1, Math.ceil(total / pageSize));

function findRows(ctx: TenantContext, ids: string[]) {
  return db.client.findMany({
    where: { tenantId: ctx.tenantId, id: { in: ids } },
    select: {
      id: true,
      clientId: true,
      type: true,
      securityType: true,
      name: true,
      environmentId: true,
      createdAt: true,
      createdByLabel: true,
      roles: { select: { role: { select: { name: true } } } },
    },
  });
}
