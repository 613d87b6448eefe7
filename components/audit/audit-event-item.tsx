import Link from "next/link";
import type { AuditEntry } from "@/lib/audit/list-audit-events";
import { AuditDetails } from "./audit-details";

const TARGET_TYPES: Record<string, string> = { client: "Client", tenant: "Tenant", user: "User", role: "Role", environment: "Environment" };
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "3 minutes ago", "yesterday"; under a minute is "just now". */
export function relativeTime(iso: string, now: number): string {
  const elapsed = now - new Date(iso).getTime();
  for (const [unit, size] of UNITS) {
    if (Math.abs(elapsed) >= size) return relative.format(-Math.round(elapsed / size), unit);
  }
  return "just now";
}

/** Where a target's page is, for the kinds that have one. */
function targetHref(tenantSlug: string, target: AuditEntry["target"]): string | null {
  const base = `/t/${encodeURIComponent(tenantSlug)}`;
  const id = encodeURIComponent(target.id);
  if (target.type === "client") return `${base}/clients/${id}`;
  if (target.type === "user") return `${base}/users/${id}/roles`;
  if (target.type === "role") return `${base}/roles#role-${id}`;
  return null;
}

// What became of a target that is gone: a user is removed from the tenant, the others deleted.
const GONE: Record<string, string> = { user: "removed" };

export function AuditEventItem({ event, now, tenantSlug }: { event: AuditEntry; now: number; tenantSlug: string }) {
  const targetType = TARGET_TYPES[event.target.type] ?? event.target.type;
  const href = event.target.exists ? targetHref(tenantSlug, event.target) : null;
  const label = `“${event.target.label}”`;
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-x-6 gap-y-2">
        <div className="min-w-0">
          <p className="font-medium">
            {event.actionLabel} <span className="font-mono text-xs font-normal text-slate-600">{event.action}</span>
          </p>
          <p className="mt-1 text-sm text-slate-700">
            {targetType}{" "}
            {href ? (
              <Link href={href} className="font-medium text-blue-800 underline">
                {label}
              </Link>
            ) : (
              <span className="font-medium text-slate-900">{label}</span>
            )}
            {event.target.exists === false && <span className="text-slate-600"> ({GONE[event.target.type] ?? "deleted"})</span>}{" "}
            {event.target.id !== event.target.label && <span className="break-all font-mono text-xs text-slate-600">{event.target.id}</span>}
          </p>
        </div>
        <div className="text-sm text-slate-700 sm:text-right">
          <p>
            <time dateTime={event.createdAt}>{event.createdAt.slice(0, 19).replace("T", " ")} UTC</time>
            <span className="text-slate-600"> · {relativeTime(event.createdAt, now)}</span>
          </p>
          <p className="break-all">
            by <span className="font-medium text-slate-900">{event.actor.label}</span>
            {event.actor.type === "cli" && <span className="text-slate-600"> (command line)</span>}
            {event.actor.type === "identity-provider" && <span className="text-slate-600"> (identity provider)</span>}
          </p>
        </div>
      </div>
      <AuditDetails details={event.details} />
    </li>
  );
}
