import type { AuditPage } from "@/lib/audit/list-audit-events";
import type { TAuditFilters } from "@/lib/validation/audit";

/** A refusal or failure of the audit API, with the server's message for the page to show. */
export class AuditFetchError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function fetchAuditPage(tenantSlug: string, filters: TAuditFilters, cursor: string | null, signal: AbortSignal): Promise<AuditPage> {
  const params = new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== ""));
  if (cursor) params.set("cursor", cursor);
  const response = await fetch(`/api/t/${encodeURIComponent(tenantSlug)}/audit?${params}`, { signal, cache: "no-store" });
  if (response.ok) return (await response.json()) as AuditPage;
  const body = (await response.json().catch(() => null)) as { message?: string } | null;
  throw new AuditFetchError(response.status, body?.message ?? "The audit log could not be loaded; try again.");
}
