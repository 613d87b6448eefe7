import { formatDate, formatDateTime, formatRelative, secretStatus } from "@/lib/secrets/secret-status";

/**
 * The soonest secret expiry of a client: amber within the rotation window, red once
 * expired. Colour is never the only signal: the text says "expired" or when.
 */
export function ClientsExpiryCell({ expiry, secretCount, now }: { expiry: Date | null; secretCount: number; now: number }) {
  if (secretCount === 0) return <span className="text-slate-600">No secrets</span>;
  if (!expiry) return <span className="text-slate-600">Never expires</span>;
  const status = secretStatus(expiry, now);
  const date = <time dateTime={expiry.toISOString()}>{formatDate(expiry)}</time>;
  if (status.kind === "expired") {
    return (
      <span className="inline-block rounded bg-red-50 px-1.5 py-0.5 font-medium text-red-800">
        Expired {formatRelative(expiry, now)} <span className="whitespace-nowrap">({date})</span>
      </span>
    );
  }
  if (status.kind === "expiring") {
    return (
      <span className="inline-block rounded bg-amber-50 px-1.5 py-0.5 font-medium text-amber-800">
        {date}{" "}
        <span className="whitespace-nowrap">
          (in {status.daysLeft} day{status.daysLeft === 1 ? "" : "s"})
        </span>
      </span>
    );
  }
  return date;
}

export function ClientsLastUsed({ lastUsedAt, now }: { lastUsedAt: Date | null; now: number }) {
  if (!lastUsedAt) return <span className="text-slate-600">Never</span>;
  return (
    <time dateTime={lastUsedAt.toISOString()} title={formatDateTime(lastUsedAt)}>
      {formatRelative(lastUsedAt, now)}
    </time>
  );
}
