import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { clientListHref, type TClientListQueryParsed } from "@/lib/validation/client-list";

/** An empty tenant says how to start; an empty search offers the way back. */
export function ClientsEmptyState({
  tenantSlug,
  filtered,
  isAdministrator,
  query,
}: {
  tenantSlug: string;
  filtered: boolean;
  isAdministrator: boolean;
  query: TClientListQueryParsed;
}) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
      {filtered ? (
        <>
          <h2 className="text-lg font-medium">No clients match these filters</h2>
          <p className="mt-2 text-sm text-slate-600">Check the spelling, search for part of the name or Client Id, or show all clients.</p>
          <Link
            href={clientListHref(tenantSlug, { pageSize: query.pageSize, sort: query.sort, order: query.order })}
            className={`${buttonClass("secondary")} mt-4`}
          >
            Clear filters
          </Link>
        </>
      ) : (
        <>
          <h2 className="text-lg font-medium">No clients yet</h2>
          <p className="mt-2 text-sm text-slate-600">
            A client lets an application or device sign in to the platform.{" "}
            {isAdministrator ? "Add one to get a Client Id (and, for server-side applications, a secret)." : "An Account Administrator can add one."}
          </p>
          {isAdministrator && (
            <Link href={`/t/${tenantSlug}/clients/new`} className={`${buttonClass()} mt-4`}>
              Add your first client
            </Link>
          )}
        </>
      )}
    </div>
  );
}
