import { z } from "zod";
import { CLIENT_TYPES } from "./client";

export const CLIENT_LIST_PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_CLIENT_LIST_PAGE_SIZE = 25;

/**
 * Filters, search and page of the clients list. It arrives from a shareable URL that
 * anyone can edit, so a value that makes no sense falls back to its default (.catch)
 * instead of failing the page; the CLI checks its flags itself before calling.
 */
export const ZClientListQuery = z.object({
  /** Empty: all types. */
  type: z.enum(CLIENT_TYPES).optional().catch(undefined),
  /** An environment id of the tenant; empty: all environments. */
  environment: z
    .string()
    .trim()
    .max(100)
    .optional()
    .catch(undefined)
    .transform((id) => id || undefined),
  /** Part of a name (any letter case) or of a Client Id. */
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .catch(undefined)
    .transform((q) => q || undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1).catch(1),
  pageSize: z.coerce
    .number()
    .refine((size) => (CLIENT_LIST_PAGE_SIZES as readonly number[]).includes(size))
    .default(DEFAULT_CLIENT_LIST_PAGE_SIZE)
    .catch(DEFAULT_CLIENT_LIST_PAGE_SIZE),
});
export type TClientListQuery = z.input<typeof ZClientListQuery>;
export type TClientListQueryParsed = z.output<typeof ZClientListQuery>;

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
  if (query.pageSize && query.pageSize !== DEFAULT_CLIENT_LIST_PAGE_SIZE) params.set("pageSize", String(query.pageSize));
  if (query.page && query.page > 1) params.set("page", String(query.page));
  const search = params.toString();
  return `/t/${tenantSlug}/clients${search ? `?${search}` : ""}`;
}
