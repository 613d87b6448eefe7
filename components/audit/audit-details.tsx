import type { AuditDetails as TAuditDetails } from "@/lib/audit/describe-audit-details";

/** An event's non-secret details: what changed (before → after), then any other facts. */
export function AuditDetails({ details }: { details: TAuditDetails }) {
  const { changes, facts } = details;
  if (!changes.length && !facts.length) return null;
  const hasBefore = changes.some((c) => c.before !== undefined);
  const hasAfter = changes.some((c) => c.after !== undefined);
  return (
    <div className="mt-3 space-y-2">
      {changes.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full table-fixed text-left text-sm">
            <caption className="sr-only">{hasBefore && hasAfter ? "Changed fields" : hasAfter ? "Values set" : "Values before"}</caption>
            <thead className="text-xs text-slate-600">
              <tr>
                <th scope="col" className="w-2/5 py-1 pr-4 font-medium">
                  Field
                </th>
                {hasBefore && (
                  <th scope="col" className="py-1 pr-4 font-medium">
                    {hasAfter ? "Before" : "Value before"}
                  </th>
                )}
                {hasAfter && (
                  <th scope="col" className="py-1 font-medium">
                    {hasBefore ? "After" : "Value"}
                  </th>
                )}
              </tr>
            </thead>
            <tbody className="align-top">
              {changes.map((change) => (
                <tr key={change.field} className="border-t border-slate-100">
                  <th scope="row" className="py-1 pr-4 font-normal break-words text-slate-700">
                    {change.field}
                  </th>
                  {hasBefore && (
                    <td className="break-all py-1 pr-4">{hasAfter ? <del className="bg-red-50 text-red-800">{change.before}</del> : change.before}</td>
                  )}
                  {hasAfter && (
                    <td className="break-all py-1">
                      {hasBefore ? <ins className="bg-green-50 text-green-800 no-underline">{change.after}</ins> : change.after}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {facts.length > 0 && (
        <dl className="grid grid-cols-[2fr_3fr] gap-x-4 gap-y-1 text-sm">
          {facts.map((fact) => (
            <div key={fact.field} className="contents">
              <dt className="break-words text-slate-700">{fact.field}</dt>
              <dd className="break-all">{fact.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
