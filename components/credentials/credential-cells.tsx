import { formatDate, formatDateTime, formatRelative } from "@/lib/secrets/secret-status";

// Cells the secrets and keys tables share. Times are relative with the absolute UTC time
// next to them.

export function AddedBy({ at, by }: { at: Date; by: string }) {
  return (
    <div>
      <time dateTime={at.toISOString()} className="whitespace-nowrap">
        {formatDate(at)}
      </time>
      <div className="text-xs break-all text-slate-600">by {by}</div>
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
