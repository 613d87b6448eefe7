import type { ReactNode } from "react";
import { AddFormButton } from "@/components/forms/add-form-provider";

/**
 * The top of a client's Secrets or Keys tab: how many it has of the limit, how the
 * application uses them, and (for administrators) the button that opens the add form.
 */
export function CredentialsHeader({
  headingId,
  title,
  count,
  max,
  noun,
  explanation,
  addLabel,
}: {
  headingId: string;
  title: string;
  count: number;
  max: number;
  /** Plural, e.g. "secrets". */
  noun: string;
  explanation: ReactNode;
  /** Present for administrators: the add button's label. */
  addLabel?: string;
}) {
  return (
    // The button keeps to the right edge (to the left on a phone), with or without the
    // reason it is disabled: the text beside it may grow, never push it around.
    <div className="flex flex-wrap items-start justify-between gap-4">
      <div className="min-w-0 max-w-3xl flex-1 basis-72 space-y-1">
        {/* Focus lands here after an addition or a deletion, when the row it was on is gone. */}
        <h2 id={headingId} tabIndex={-1} className="text-xl font-semibold focus:outline-none">
          {title}
        </h2>
        <p className="text-sm text-slate-600">
          <strong className="font-semibold text-slate-800">
            {count} of {max} {noun}
          </strong>
          . {explanation}
        </p>
      </div>
      {addLabel && (
        <div className="flex max-w-xs shrink-0 flex-col items-end gap-1 text-right max-sm:items-start max-sm:text-left">
          <AddFormButton reasonClassName="text-slate-700">{addLabel}</AddFormButton>
        </div>
      )}
    </div>
  );
}
