import Link from "next/link";
import type { ReactNode } from "react";

// Below the sm breakpoint each row becomes a stacked card and every cell shows its column's
// name (data-label), so a phone needs no sideways scrolling.
export const STACKED_CELL =
  "px-[var(--stacked-cell-x,1rem)] py-3 max-sm:flex max-sm:gap-3 max-sm:py-1 max-sm:before:w-24 max-sm:before:shrink-0 max-sm:before:text-xs max-sm:before:font-semibold max-sm:before:text-slate-600 max-sm:before:uppercase max-sm:before:content-[attr(data-label)]";
/** The cell that titles a card (e.g. a name): on a phone it stands first, on its own, without a label. */
export const STACKED_TITLE_CELL = "px-[var(--stacked-cell-x,1rem)] py-3 max-sm:block max-sm:pt-2 max-sm:pb-1";
export const STACKED_ROW = "max-sm:block max-sm:py-2";

/** How a column header sorts: the link that sorts by it, and whether it is the current sort. */
export type ColumnSort = { href: string; current: "ascending" | "descending" | null };

/** A column's name, or its name with a sort link and extra classes for its header. */
export type StackedColumn = string | { label: string; sort?: ColumnSort; className?: string };

/**
 * A table whose rows stack into cards on a phone: named by a heading elsewhere on the page
 * (labelledBy), or by its own caption (caption, given the id in labelledBy). Columns with a
 * sort link become a "Sort by" bar above the cards on a phone.
 */
export function StackedTable({
  labelledBy,
  caption,
  columns,
  withActions,
  dense = false,
  children,
}: {
  labelledBy: string;
  caption?: string;
  columns: StackedColumn[];
  withActions: boolean;
  /** Narrower cell padding from the sm breakpoint on, for tables with many columns. */
  dense?: boolean;
  children: ReactNode;
}) {
  const specs = columns.map((column) => (typeof column === "string" ? { label: column } : column));
  const sortable = specs.some((column) => column.sort);
  return (
    // Focusable so keyboard users can scroll it on a narrow window. Positioned, so that
    // visually hidden text (position: absolute) stays inside it instead of widening the page.
    <div
      role="region"
      aria-labelledby={labelledBy}
      tabIndex={0}
      className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white focus-visible:outline-2 focus-visible:outline-blue-700"
    >
      <table className={`min-w-full divide-y divide-slate-200 text-sm max-sm:block ${dense ? "sm:[--stacked-cell-x:0.625rem]" : ""}`}>
        {caption && (
          <caption id={labelledBy} className="sr-only">
            {caption}
          </caption>
        )}
        <thead className={`bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase ${sortable ? "max-sm:block" : "max-sm:sr-only"}`}>
          <tr
            className={
              sortable
                ? "max-sm:flex max-sm:flex-wrap max-sm:items-center max-sm:gap-x-3 max-sm:gap-y-1 max-sm:px-4 max-sm:py-2 max-sm:before:content-['Sort_by:']"
                : undefined
            }
          >
            {specs.map((column) => (
              <th
                key={column.label}
                scope="col"
                aria-sort={column.sort?.current ?? undefined}
                className={`px-[var(--stacked-cell-x,1rem)] py-3 ${column.className ?? ""} ${sortable ? (column.sort ? "max-sm:p-0" : "max-sm:hidden") : ""}`}
              >
                {column.sort ? <SortLink label={column.label} sort={column.sort} /> : column.label}
              </th>
            ))}
            {withActions && (
              <th scope="col" className={`px-[var(--stacked-cell-x,1rem)] py-3 ${sortable ? "max-sm:hidden" : ""}`}>
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 max-sm:block">{children}</tbody>
      </table>
    </div>
  );
}

/** The header's name as a link that sorts by it; aria-sort on the header says the current order. */
function SortLink({ label, sort }: { label: string; sort: ColumnSort }) {
  return (
    // Dynamic pages: prefetching every header's order would cost a server render each.
    <Link
      prefetch={false}
      href={sort.href}
      className={`inline-flex items-center gap-1 rounded uppercase hover:text-slate-900 hover:underline focus-visible:outline-2 focus-visible:outline-blue-700 ${sort.current ? "text-slate-900" : ""}`}
    >
      {label}
      <SortArrow current={sort.current} />
    </Link>
  );
}

function SortArrow({ current }: { current: ColumnSort["current"] }) {
  const path = current === "ascending" ? "M8 11V4M4.5 7.5 8 4l3.5 3.5" : current === "descending" ? "M8 5v7M4.5 8.5 8 12l3.5-3.5" : "M5 6l3-3 3 3M5 10l3 3 3-3";
  return (
    <svg
      width="12"
      height="12"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
      className={current ? "" : "opacity-50"}
    >
      <path d={path} />
    </svg>
  );
}

export function ActionsCell({ children }: { children: ReactNode }) {
  return (
    <td className="px-[var(--stacked-cell-x,1rem)] py-3 max-sm:py-1">
      {/* A flex end, not text-align: a dialog inside would inherit the alignment. */}
      <div className="flex justify-end max-sm:justify-start">{children}</div>
    </td>
  );
}
