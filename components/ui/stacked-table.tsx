import type { ReactNode } from "react";

// Below the sm breakpoint each row becomes a stacked card and every cell shows its column's
// name (data-label), so a phone needs no sideways scrolling.
export const STACKED_CELL =
  "px-4 py-3 max-sm:flex max-sm:gap-3 max-sm:py-1 max-sm:before:w-24 max-sm:before:shrink-0 max-sm:before:text-xs max-sm:before:font-semibold max-sm:before:text-slate-600 max-sm:before:uppercase max-sm:before:content-[attr(data-label)]";
export const STACKED_ROW = "max-sm:block max-sm:py-2";

/** A table of a client's secrets or keys: named by its section heading, actions last. */
export function StackedTable({
  labelledBy,
  columns,
  withActions,
  children,
}: {
  labelledBy: string;
  columns: string[];
  withActions: boolean;
  children: ReactNode;
}) {
  return (
    // Focusable so keyboard users can scroll it on a narrow window.
    <div role="region" aria-labelledby={labelledBy} tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm max-sm:block">
        <thead className="max-sm:sr-only bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col" className="px-4 py-3">
                {column}
              </th>
            ))}
            {withActions && (
              <th scope="col" className="px-4 py-3">
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

export function ActionsCell({ children }: { children: ReactNode }) {
  return (
    <td className="px-4 py-3 max-sm:py-1">
      {/* A flex end, not text-align: a dialog inside would inherit the alignment. */}
      <div className="flex justify-end max-sm:justify-start">{children}</div>
    </td>
  );
}
