import { EXPIRY_BADGE } from "@/components/secrets/expiry-tone";
import { expiryLevel, formatDate, formatDateTime, formatRelative, secretStatus } from "@/lib/secrets/secret-status";

/**
 * The soonest secret expiry of a client: amber from 30 days before it, red from 7 days and
 * once expired. Colour is never the only signal: the text says "expired" or when.
 */
export function ClientsExpiryCell({ expiry, secretCount, now }: { expiry: Date | null; secretCount: number; now: number }) {
  if (secretCount === 0) return <span className="text-slate-600">No secrets</span>;
  if (!expiry) return <span className="text-slate-600">Never expires</span>;
  const status = secretStatus(expiry, now);
  const level = expiryLevel(status);
  const date = <time dateTime={expiry.toISOString()}>{formatDate(expiry)}</time>;
  if (level === "none") return date;
  return (
    <span className={`inline-block rounded px-1.5 py-0.5 font-medium ${EXPIRY_BADGE[level]}`}>
      {status.kind === "expired" ? (
        <>
          Expired {formatRelative(expiry, now)} <span className="whitespace-nowrap">({date})</span>
        </>
      ) : (
        <>
          <span className="whitespace-nowrap">{date}</span>{" "}
          <span className="whitespace-nowrap">{status.kind === "expiring" && `(in ${status.daysLeft} day${status.daysLeft === 1 ? "" : "s"})`}</span>
        </>
      )}
    </span>
  );
}

export function ClientsLastUsed({ lastUsedAt, now }: { lastUsedAt: Date | null; now: number }) {
  if (!lastUsedAt) return <span className="text-slate-600">Never</span>;
  return (
    <time dateTime={lastUsedAt.toISOString()} title={formatDateTime(lastUsedAt)}>
      {formatRelative(lastUsedAt, now)}
    </time>
  );
}
