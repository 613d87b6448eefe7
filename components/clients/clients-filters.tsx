import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { CLIENT_TYPES, CLIENT_TYPE_LABELS } from "@/lib/validation/client";
import {
  DEFAULT_CLIENT_LIST_PAGE_SIZE,
  DEFAULT_CLIENT_LIST_SORT,
  DEFAULT_SORT_ORDER,
  clientListHref,
  type TClientListQueryParsed,
} from "@/lib/validation/client-list";

/**
 * A plain GET form: no JavaScript needed, the URL holds the filters (shareable, Back
 * works), and Enter in the search box submits. Changing a filter starts again at page 1 and
 * keeps the sort and page size.
 */
export function ClientsFilters({
  tenantSlug,
  query,
  environments,
}: {
  tenantSlug: string;
  query: TClientListQueryParsed;
  environments: { id: string; name: string }[];
}) {
  const filtered = Boolean(query.type || query.environment || query.q);
  return (
    // Keyed by the query: after a client-side navigation (Clear filters, Back) React would
    // otherwise keep the old values in these uncontrolled fields.
    <form
      key={`${query.type}|${query.environment}|${query.q}|${query.pageSize}|${query.sort}|${query.order}`}
      method="get"
      action={`/t/${tenantSlug}/clients`}
      role="search"
      aria-label="Filter clients"
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <div className="w-full space-y-1 sm:w-52">
        <label htmlFor="clients-type" className="block text-sm font-medium text-slate-800">
          Client type
        </label>
        <select id="clients-type" name="type" defaultValue={query.type ?? ""} className={inputClass}>
          <option value="">All types</option>
          {CLIENT_TYPES.map((type) => (
            <option key={type} value={type}>
              {CLIENT_TYPE_LABELS[type]}
            </option>
          ))}
        </select>
      </div>
      <div className="w-full space-y-1 sm:w-48">
        <label htmlFor="clients-environment" className="block text-sm font-medium text-slate-800">
          Environment
        </label>
        <select id="clients-environment" name="environment" defaultValue={query.environment ?? ""} className={inputClass}>
          <option value="">All environments</option>
          {environments.map((environment) => (
            <option key={environment.id} value={environment.id}>
              {environment.name}
            </option>
          ))}
        </select>
      </div>
      <div className="w-full min-w-0 flex-1 space-y-1 sm:min-w-64">
        <label htmlFor="clients-search" className="block text-sm font-medium text-slate-800">
          Search
        </label>
        <input
          id="clients-search"
          name="q"
          type="search"
          defaultValue={query.q ?? ""}
          placeholder="Name or Client Id"
          maxLength={100}
          autoComplete="off"
          className={inputClass}
        />
      </div>
      {query.sort !== DEFAULT_CLIENT_LIST_SORT && <input type="hidden" name="sort" value={query.sort} />}
      {query.order !== DEFAULT_SORT_ORDER[query.sort] && <input type="hidden" name="order" value={query.order} />}
      {query.pageSize !== DEFAULT_CLIENT_LIST_PAGE_SIZE && <input type="hidden" name="pageSize" value={query.pageSize} />}
      <div className="flex gap-3">
        <button type="submit" className={buttonClass("secondary")}>
          Apply
        </button>
        {filtered && (
          <Link href={clientListHref(tenantSlug, { pageSize: query.pageSize, sort: query.sort, order: query.order })} className={buttonClass("secondary")}>
            Clear filters
          </Link>
        )}
      </div>
    </form>
  );
}
