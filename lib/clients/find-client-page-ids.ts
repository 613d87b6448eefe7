import "server-only";
import { databaseKind } from "@/lib/db/database-url";
import { Prisma } from "@/lib/db/generated/sqlite/client";
import { db } from "@/lib/db/prisma";
import type { TenantContext } from "@/lib/tenants/tenant-context";
import type { TClientListQueryParsed, TClientListSort } from "@/lib/validation/client-list";

// The clients list's filters and order as SQL, the same text on SQLite and PostgreSQL. SQL
// rather than Prisma's query builder because two sorts need an aggregate of the client's
// secrets or keys (soonest expiry, last use), which Prisma cannot order by; one hand-written
// filter then serves every sort and the count alike.

const POSTGRES = databaseKind(process.env) === "postgres";

// Names sort by their bytes on both databases: PostgreSQL's default collation depends on
// the server's locale, SQLite compares bytes.
const BYTE_ORDER = POSTGRES ? ' COLLATE "C"' : "";

/**
 * A trigram index answers a search of three characters or more without reading every
 * client (migration 20261210000000_client_list_indexes): pg_trgm serves LIKE itself; on
 * SQLite the term is matched as a phrase in the FTS5 table ClientSearch, which is the
 * same substring match. A shorter term reads the tenant's clients, as before.
 */
const usesSearchIndex = (query: TClientListQueryParsed) => !POSTGRES && query.q !== undefined && [...query.q].length >= 3;

/**
 * Past this many matches a page is found sooner in the list's own order: one client in 50
 * or more matches, so reading the order's index stops after a few thousand entries,
 * whereas every match costs FTS5 a lookup (measured at 100,000 clients: 60 ms for 12,500).
 */
const DENSE_MATCHES = 2_000;

/** The clients to filter, as `c`: on SQLite a search starts from the matches (CROSS JOIN keeps that order). */
function source(indexed: boolean): Prisma.Sql {
  return indexed ? Prisma.sql`"ClientSearch" CROSS JOIN "Client" c ON c."clientId" = "ClientSearch"."clientId"` : Prisma.sql`"Client" c`;
}

/**
 * What each column sorts by. Names and types are stored lower-case; a client's last use is
 * that of its keys if it signs JWTs, of its secrets otherwise (as the list shows it).
 */
const SORT_KEY: Record<TClientListSort, Prisma.Sql> = {
  name: Prisma.raw(`c."nameSearch"${BYTE_ORDER}`),
  type: Prisma.raw(`c."type"`),
  created: Prisma.raw(`c."createdAt"`),
  expiry: Prisma.raw(`s."soonestExpiry"`),
  lastUsed: Prisma.raw(`CASE WHEN c."securityType" = 'signed-jwt' THEN k."lastUsedAt" ELSE s."lastUsedAt" END`),
};

/** The tenant's clients that match the filters, as a WHERE condition on `c`. */
function matching(ctx: TenantContext, query: TClientListQueryParsed, indexed: boolean): Prisma.Sql {
  const conditions = [Prisma.sql`c."tenantId" = ${ctx.tenantId}`];
  if (query.type) conditions.push(Prisma.sql`c."type" = ${query.type}`);
  if (query.environment) conditions.push(Prisma.sql`c."environmentId" = ${query.environment}`);
  if (query.q && indexed) {
    // One FTS5 phrase, its quotes doubled: every other character is literal in a phrase.
    conditions.push(Prisma.sql`"ClientSearch" MATCH ${`"${query.q.toLowerCase().replaceAll('"', '""')}"`}`);
  } else if (query.q) {
    // nameSearch and clientId are stored lower-case, so this ignores letter case on both
    // databases; % and _ in the term are escaped, so they match themselves.
    const pattern = `%${query.q.toLowerCase().replace(/[\\%_]/g, "\\$&")}%`;
    conditions.push(Prisma.sql`(c."nameSearch" LIKE ${pattern} ESCAPE '\\' OR c."clientId" LIKE ${pattern} ESCAPE '\\')`);
  }
  return Prisma.join(conditions, " AND ");
}

export async function countClients(ctx: TenantContext, query: TClientListQueryParsed): Promise<number> {
  const indexed = usesSearchIndex(query);
  const [row] = await db.$queryRaw<{ total: number | bigint }[]>`SELECT COUNT(*) AS "total" FROM ${source(indexed)} WHERE ${matching(ctx, query, indexed)}`;
  return Number(row?.total ?? 0);
}

/**
 * The ids of one page of matching clients, in the query's order. Clients without a value
 * to sort by (no secret that expires, never used) come last in either direction; ties go
 * newest first, then by id, so pages never overlap or skip a client.
 */
export async function findClientPageIds(ctx: TenantContext, query: TClientListQueryParsed, page: number, matches: number): Promise<string[]> {
  // Many matches: the search as a filter on the order's own index instead (see DENSE_MATCHES).
  const indexed = usesSearchIndex(query) && matches <= DENSE_MATCHES;
  const direction = Prisma.raw(query.order === "asc" ? "ASC" : "DESC");
  const order =
    query.sort === "created"
      ? Prisma.sql`c."createdAt" ${direction}, c."id" ASC`
      : Prisma.sql`${SORT_KEY[query.sort]} ${direction} NULLS LAST, c."createdAt" DESC, c."id" ASC`;
  // The aggregates cover the tenant's secrets (or keys) once, and only for the sorts that need them.
  const secrets =
    query.sort === "expiry" || query.sort === "lastUsed"
      ? Prisma.sql`LEFT JOIN (SELECT "clientId", MIN("expiresAt") AS "soonestExpiry", MAX("lastUsedAt") AS "lastUsedAt"
          FROM "ClientSecret" WHERE "tenantId" = ${ctx.tenantId} GROUP BY "clientId") s ON s."clientId" = c."id"`
      : Prisma.empty;
  const keys =
    query.sort === "lastUsed"
      ? Prisma.sql`LEFT JOIN (SELECT "clientId", MAX("lastUsedAt") AS "lastUsedAt"
          FROM "ClientKey" WHERE "tenantId" = ${ctx.tenantId} GROUP BY "clientId") k ON k."clientId" = c."id"`
      : Prisma.empty;
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT c."id" FROM ${source(indexed)} ${secrets} ${keys}
    WHERE ${matching(ctx, query, indexed)}
    ORDER BY ${order}
    LIMIT ${query.pageSize} OFFSET ${(page - 1) * query.pageSize}`;
  return rows.map((row) => row.id);
}
