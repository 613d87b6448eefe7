import type { ReactNode } from "react";

/** A Secrets or Keys URL of a client that authenticates another way: says how, and where to look. */
export function CredentialsElsewhere({ headingId, title, children }: { headingId: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="text-xl font-semibold">
        {title}
      </h2>
      <div className="max-w-3xl space-y-2 rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-700">{children}</div>
    </section>
  );
}
