import Link from "next/link";
import { CLIENT_LIST_PAGE_SIZES, clientListHref, type TClientListQueryParsed } from "@/lib/validation/client-list";

const count = new Intl.NumberFormat("en-US");

/** Page numbers to offer: first, last and two either side of the current one. */
export function visiblePages(page: number, pageCount: number): (number | "gap")[] {
  const pages: (number | "gap")[] = [];
  for (let p = 1; p <= pageCount; p++) {
    if (p === 1 || p === pageCount || Math.abs(p - page) <= 2) pages.push(p);
    else if (pages.at(-1) !== "gap") pages.push("gap");
  }
  return pages;
}

const linkBase =
  "inline-flex min-w-9 items-center justify-center rounded-md border px-3 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700";
const linkClass = `${linkBase} border-slate-300 bg-white hover:bg-slate-100`;
const currentClass = `${linkBase} border-blue-700 bg-blue-700 font-semibold text-white`;

export function ClientsPagination({
  tenantSlug,
  query,
  page,
  pageCount,
  total,
  shown,
}: {
  tenantSlug: string;
  query: TClientListQueryParsed;
  page: number;
  pageCount: number;
  total: number;
  shown: number;
}) {
  const first = (page - 1) * query.pageSize + 1;
  const href = (p: number) => clientListHref(tenantSlug, { ...query, page: p });
  // Dynamic pages: prefetching every page link would cost a server render each.
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-slate-700">{`${count.format(first)}–${count.format(first + shown - 1)} of ${count.format(total)} client${total === 1 ? "" : "s"}`}</p>
      {pageCount > 1 && (
        <nav aria-label="Pages of clients">
          <ul className="flex flex-wrap items-center gap-1">
            {page > 1 && (
              <li>
                <Link prefetch={false} href={href(page - 1)} className={linkClass} rel="prev">
                  Previous<span className="sr-only"> page</span>
                </Link>
              </li>
            )}
            {visiblePages(page, pageCount).map((p, i) =>
              p === "gap" ? (
                <li key={`gap-${i}`} aria-hidden="true" className="px-1 text-slate-500">
                  …
                </li>
              ) : (
                <li key={p}>
                  <Link
                    prefetch={false}
                    href={href(p)}
                    aria-current={p === page ? "page" : undefined}
                    aria-label={`Page ${p}`}
                    className={p === page ? currentClass : linkClass}
                  >
                    {count.format(p)}
                  </Link>
                </li>
              ),
            )}
            {page < pageCount && (
              <li>
                <Link prefetch={false} href={href(page + 1)} className={linkClass} rel="next">
                  Next<span className="sr-only"> page</span>
                </Link>
              </li>
            )}
          </ul>
        </nav>
      )}
      <PageSizeLinks tenantSlug={tenantSlug} query={query} />
    </div>
  );
}

/** Rows per page as links, so it needs no JavaScript and lands in the URL like the filters. */
function PageSizeLinks({ tenantSlug, query }: { tenantSlug: string; query: TClientListQueryParsed }) {
  return (
    <nav aria-label="Clients per page" className="flex items-center gap-1 text-slate-700">
      <span aria-hidden="true">Per page:</span>
      {CLIENT_LIST_PAGE_SIZES.map((size) => (
        <Link
          key={size}
          prefetch={false}
          href={clientListHref(tenantSlug, { ...query, page: 1, pageSize: size })}
          aria-current={size === query.pageSize ? "true" : undefined}
          aria-label={`${size} clients per page`}
          className={`rounded px-1.5 py-0.5 focus-visible:outline-2 focus-visible:outline-blue-700 ${size === query.pageSize ? "font-semibold text-slate-900 underline underline-offset-2" : "text-blue-800 hover:underline"}`}
        >
          {size}
        </Link>
      ))}
    </nav>
  );
}
