/** A radio group shown as cards, each with a title and a one-line explanation. */
export function ChoiceCards<V extends string>({
  name,
  legend,
  legendClassName = "text-sm font-medium text-slate-800",
  options,
  value,
  onChange,
  columns = "md:grid-cols-2",
}: {
  name: string;
  legend: string;
  legendClassName?: string;
  options: readonly { value: V; title: string; summary: string }[];
  value: V;
  onChange: (value: V) => void;
  /** Tailwind grid columns, spelled out so the class is in the source. */
  columns?: string;
}) {
  return (
    <fieldset className="space-y-3">
      <legend className={legendClassName}>{legend}</legend>
      <div className={`grid gap-3 ${columns}`}>
        {options.map((option) => {
          const checked = value === option.value;
          const id = `${name}-${option.value}`;
          return (
            // The card itself shows keyboard focus (a ring that follows its rounded corners);
            // the radio's own outline would be stretched to the card's height.
            <label
              key={option.value}
              className={`flex cursor-pointer items-start gap-3 rounded-lg border bg-white p-4 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-blue-700 ${
                checked ? "border-blue-700 ring-1 ring-blue-700" : "border-slate-300 hover:border-slate-400"
              }`}
            >
              <input
                type="radio"
                name={name}
                value={option.value}
                checked={checked}
                onChange={() => onChange(option.value)}
                aria-labelledby={`${id}-title`}
                aria-describedby={`${id}-summary`}
                className="mt-1 shrink-0 focus-visible:outline-none"
              />
              <span className="space-y-1">
                <span id={`${id}-title`} className="block text-sm font-semibold text-slate-900">
                  {option.title}
                </span>
                <span id={`${id}-summary`} className="block text-sm text-slate-600">
                  {option.summary}
                </span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
