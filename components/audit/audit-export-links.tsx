import { AUDIT_FILTER_KEYS, type TAuditFilters } from "@/lib/validation/audit";

const FORMATS = [
  { format: "csv", label: "CSV" },
  { format: "json", label: "JSON" },
] as const;

/**
 * Downloads of every entry the filters match (not only those loaded), as plain links: the
 * browser saves the streamed answer itself, so no export is ever held in the page.
 */
export function AuditExportLinks({ tenantSlug, filters, filtered }: { tenantSlug: string; filters: TAuditFilters; filtered: boolean }) {
  const href = (format: string) => {
    const params = new URLSearchParams({ format });
    for (const key of AUDIT_FILTER_KEYS) if (filters[key]) params.set(key, filters[key]);
    return `/api/t/${encodeURIComponent(tenantSlug)}/audit/export?${params}`;
  };
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
      <span>{filtered ? "Export these entries:" : "Export all entries:"}</span>
      {FORMATS.map(({ format, label }) => (
        <a
          key={format}
          href={href(format)}
          download
          aria-label={`Export as ${label}`}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
        >
          {label}
        </a>
      ))}
    </p>
  );
}
