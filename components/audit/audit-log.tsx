"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
import type { AuditActionOption } from "@/lib/audit/list-audit-actions";
import { AUDIT_FILTER_KEYS, type TAuditFilters } from "@/lib/validation/audit";
import { AuditEventItem } from "./audit-event-item";
import { AuditExportLinks } from "./audit-export-links";
import { AuditFilters } from "./audit-filters";
import { AuditFetchError, fetchAuditPage } from "./fetch-audit-page";

/**
 * The audit log, fetched by the browser page by page ("Load more") from the audit API.
 * The URL's filters are the query key, so a shared link shows the same view. Entries hold
 * no secret (the API never returns one), so caching them is harmless.
 */
export function AuditLog({ tenantSlug, actions }: { tenantSlug: string; actions: AuditActionOption[] }) {
  const searchParams = useSearchParams();
  const filters = useMemo(() => Object.fromEntries(AUDIT_FILTER_KEYS.map((key) => [key, searchParams.get(key) ?? ""])) as TAuditFilters, [searchParams]);
  const now = useNow();
  const query = useInfiniteQuery({
    queryKey: ["audit", tenantSlug, filters],
    queryFn: ({ pageParam, signal }) => fetchAuditPage(tenantSlug, filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    // Refusals (signed out, role gone, bad filter) do not get better by asking again.
    retry: (count, error) => !(error instanceof AuditFetchError && error.status < 500) && count < 2,
  });

  function applyFilters(next: TAuditFilters) {
    const params = new URLSearchParams();
    for (const key of AUDIT_FILTER_KEYS) if (next[key]) params.set(key, next[key]);
    const search = params.toString();
    // Next.js syncs useSearchParams with history.pushState, without a server round trip.
    window.history.pushState(null, "", `${window.location.pathname}${search ? `?${search}` : ""}`);
  }

  const events = query.data?.pages.flatMap((page) => page.events) ?? [];
  const filtered = AUDIT_FILTER_KEYS.some((key) => filters[key]);
  return (
    <div className="space-y-4">
      <AuditFilters filters={filters} actions={actions} onChange={applyFilters} />
      {query.isPending ? (
        <p role="status" className="text-sm text-slate-600">
          Loading the audit log…
        </p>
      ) : query.isError && !events.length ? (
        <Banner tone="error">
          {query.error.message}
          {query.error instanceof AuditFetchError && query.error.status === 401 && (
            <>
              {" "}
              <a href={`/signin?callbackUrl=${encodeURIComponent(`/t/${tenantSlug}/audit`)}`} className="underline">
                Sign in
              </a>
            </>
          )}
        </Banner>
      ) : events.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
          <h2 className="text-lg font-medium">{filtered ? "No entries match these filters" : "No audit entries yet"}</h2>
          <p className="mt-2 text-sm text-slate-600">
            {filtered
              ? "Try another action, or part of an email address, name or id; or clear the filters."
              : "Changes to clients, secrets, roles, users, environments and settings will be listed here."}
          </p>
        </div>
      ) : (
        <>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p role="status" className="text-sm text-slate-600">
              {events.length === 1 ? "1 entry" : `${events.length} entries`}
              {query.hasNextPage ? " shown, newest first; more below" : ", newest first"}
              {filtered ? " (filtered)" : ""}
            </p>
            <AuditExportLinks tenantSlug={tenantSlug} filters={filters} filtered={filtered} />
          </div>
          <ol aria-label="Audit entries" className="space-y-3">
            {events.map((event) => (
              <AuditEventItem key={event.id} event={event} now={now} tenantSlug={tenantSlug} />
            ))}
          </ol>
          {query.isFetchNextPageError && <Banner tone="error">{query.error?.message}</Banner>}
          {query.hasNextPage && (
            <div className="flex justify-center">
              <Button variant="secondary" onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage} aria-busy={query.isFetchingNextPage}>
                {query.isFetchingNextPage ? "Loading…" : "Load more"}
              </Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}

/** The current time, refreshed every minute for the "5 minutes ago" labels. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
