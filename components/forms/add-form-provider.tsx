"use client";

import { createContext, useContext, useId, useMemo, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

type AddFormState = {
  /** 0 while the add form is closed; a new number on every request to open it (re-focuses it). */
  request: number;
  open: () => void;
  close: () => void;
  /** Why nothing can be added now (limit reached), or null. */
  disabledReason: string | null;
};

const AddFormContext = createContext<AddFormState | null>(null);

/**
 * Lets several buttons on a page (the toolbar, a rotation notice) open the page's one add
 * form (a secret, a key), which lives elsewhere in the page.
 */
export function AddFormProvider({ disabledReason, children }: { disabledReason: string | null; children: ReactNode }) {
  const [request, setRequest] = useState(0);
  const value = useMemo<AddFormState>(
    () => ({ request, open: () => setRequest((n) => n + 1), close: () => setRequest(0), disabledReason }),
    [request, disabledReason],
  );
  return <AddFormContext.Provider value={value}>{children}</AddFormContext.Provider>;
}

export function useAddForm(): AddFormState {
  const state = useContext(AddFormContext);
  if (!state) throw new Error("useAddForm needs an AddFormProvider");
  return state;
}

/**
 * Disabled with the reason next to it (announced through aria-describedby) when the limit is
 * reached: a button and, then, a paragraph, for the caller to lay out side by side or stacked.
 */
export function AddFormButton({
  children,
  variant = "primary",
  reasonClassName = "",
}: {
  children: ReactNode;
  variant?: "primary" | "secondary";
  reasonClassName?: string;
}) {
  const { open, disabledReason } = useAddForm();
  const reasonId = useId();
  return (
    <>
      <Button variant={variant} onClick={open} disabled={!!disabledReason} aria-describedby={disabledReason ? reasonId : undefined}>
        {children}
      </Button>
      {disabledReason && (
        <p id={reasonId} className={`text-sm ${reasonClassName}`}>
          {disabledReason}
        </p>
      )}
    </>
  );
}
