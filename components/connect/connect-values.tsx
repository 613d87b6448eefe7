import { CopyButton } from "@/components/ui/copy-button";

export type ConnectValue = { label: string; value: string };

/** The token service's addresses an application is configured with, each copyable. */
export function ConnectValues({ values }: { values: ConnectValue[] }) {
  return (
    <dl className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
      {values.map(({ label, value }) => (
        <div key={label} className="grid gap-1 px-4 py-3 sm:grid-cols-[11rem_minmax(0,1fr)] sm:items-center sm:gap-4">
          <dt className="text-sm font-medium text-slate-800">{label}</dt>
          <dd className="flex min-w-0 flex-wrap items-center justify-between gap-2">
            <code className="min-w-0 font-mono text-sm break-all">{value}</code>
            <CopyButton value={value} label={label} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
