import { formatDate, formatDateTime, formatRelative } from "@/lib/secrets/secret-status";

// Cells the clients, secrets and keys tables share. Times are relative with the absolute
// UTC time next to them.

/**
 * When and by whom. An email wraps before its @ ("admin" / "@demo.local") if it must, never
 * inside it; only on a phone may one too long for the card break elsewhere.
 */
export function AddedBy({ at, by }: { at: Date; by: string }) {
  const atSign = by.indexOf("@");
  return (
    <div>
      <time dateTime={at.toISOString()} className="whitespace-nowrap">
        {formatDate(at)}
      </time>
      <div className="text-xs wrap-break-word text-slate-600">
        by{" "}
        {atSign > 0 ? (
          <>
            <span className="sm:whitespace-nowrap">{by.slice(0, atSign)}</span>
            <wbr />
            <span className="sm:whitespace-nowrap">{by.slice(atSign)}</span>
          </>
        ) : (
          by
        )}
      </div>
    </div>
  );
}

export function LastUsed({ at, now }: { at: Date | null; now: number }) {
  if (!at) return <span className="text-slate-600">Never used</span>;
  return (
    <div>
      {formatRelative(at, now)}
      <div className="text-xs text-slate-600">
        <time dateTime={at.toISOString()}>{formatDateTime(at)}</time>
      </div>
    </div>
  );
}
