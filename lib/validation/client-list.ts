import { z } from "zod";
import { CLIENT_TYPES } from "./client";

export const CLIENT_LIST_PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_CLIENT_LIST_PAGE_SIZE = 25;

/** The columns the list sorts by (`?sort=`); "expiry" is the soonest expiry of a client's secrets. */
export const CLIENT_LIST_SORTS = ["name", "type", "created", "expiry", "lastUsed"] as const;
export type TClientListSort = (typeof CLIENT_LIST_SORTS)[number];
export const SORT_ORDERS = ["asc", "desc"] as const;
export type TSortOrder = (typeof SORT_ORDERS)[number];
export const DEFAULT_CLIENT_LIST_SORT: TClientListSort = "created";

/**
 * The order a column starts in when first chosen (`?order=` may reverse it): names A to Z,
 * newest first, the most pressing expiry first, the most recent use first.
 */
export const DEFAULT_SORT_ORDER: Record<TClientListSort, TSortOrder> = { name: "asc", type: "asc", created: "desc", expiry: "asc", lastUsed: "desc" };

/**
 * Filters, search, sort and page of the clients list. It arrives from a shareable URL that
 * anyone can edit, so a value that makes no sense falls back to its default (.catch)
 * instead of failing the page; the CLI checks its flags itself before calling.
 */
/** A text parameter of the list's URL: a bad or empty one means "not given" (a list never refuses its URL). */
const ZOptionalText = z
  .string()
  .trim()
  .max(100)
  .optional()
  .catch(undefined)
  .transform((text) => text || undefined);

export const ZClientListQuery = z
  .object({
    /** Empty: all types. */
    type: z.enum(CLIENT_TYPES).optional().catch(undefined),
    /** An environment id of the tenant; empty: all environments. */
    environment: ZOptionalText,
    /** Part of a name (any letter case) or of a Client Id. */
    q: ZOptionalText,
    page: z.coerce.number().int().min(1).max(1_000_000).default(1).catch(1),
    pageSize: z.coerce
      .number()
      .refine((size) => (CLIENT_LIST_PAGE_SIZES as readonly number[]).includes(size))
      .default(DEFAULT_CLIENT_LIST_PAGE_SIZE)
      .catch(DEFAULT_CLIENT_LIST_PAGE_SIZE),
    sort: z.enum(CLIENT_LIST_SORTS).default(DEFAULT_CLIENT_LIST_SORT).catch(DEFAULT_CLIENT_LIST_SORT),
    /** Empty: the column's own default order. */
    order: z.enum(SORT_ORDERS).optional().catch(undefined),
  })
  .transform((query) => ({ ...query, order: query.order ?? DEFAULT_SORT_ORDER[query.sort] }));
export type TClientListQuery = z.input<typeof ZClientListQuery>;
export type TClientListQueryParsed = z.output<typeof ZClientListQuery>;

/** Choosing a column: its own default order, or the other way round when it is the current sort. */
export function nextSortOrder(query: Pick<TClientListQueryParsed, "sort" | "order">, column: TClientListSort): TSortOrder {
  if (query.sort !== column) return DEFAULT_SORT_ORDER[column];
  return query.order === "asc" ? "desc" : "asc";
}

type SearchParams = Record<string, string | string[] | undefined>;

/** The query as Next.js hands over a page's search params (a repeated key counts once). */
export function clientListQueryFromSearchParams(params: SearchParams): TClientListQueryParsed {
  const first = (key: string) => {
    const value = params[key];
    return Array.isArray(value) ? value[0] : value;
  };
  return ZClientListQuery.parse({
    type: first("type") || undefined,
    environment: first("environment"),
    q: first("q"),
    page: first("page") || undefined,
    pageSize: first("pageSize") || undefined,
    sort: first("sort") || undefined,
    order: first("order") || undefined,
  });
}

/**
 * The list's URL for a query, leaving out defaults so links stay short and equal queries
 * get equal URLs.
 */
export function clientListHref(tenantSlug: string, query: Partial<TClientListQueryParsed>): string {
  const params = new URLSearchParams();
  if (query.type) params.set("type", query.type);
  if (query.environment) params.set("environment", query.environment);
  if (query.q) params.set("q", query.q);
  const sort = query.sort ?? DEFAULT_CLIENT_LIST_SORT;
  if (sort !== DEFAULT_CLIENT_LIST_SORT) params.set("sort", sort);
  if (query.order && query.order !== DEFAULT_SORT_ORDER[sort]) params.set("order", query.order);
  if (query.pageSize && query.pageSize !== DEFAULT_CLIENT_LIST_PAGE_SIZE) params.set("pageSize", String(query.pageSize));
  if (query.page && query.page > 1) params.set("page", String(query.page));
  const search = params.toString();
  return `/t/${tenantSlug}/clients${search ? `?${search}` : ""}`;
}
