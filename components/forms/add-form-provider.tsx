"use client";

import { createContext, useContext, useMemo, useState, type ReactNode } from "react";
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

const ADD_DISABLED_REASON_ID = "add-disabled-reason";

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

/** Disabled with the reason (announced through aria-describedby) when the limit is reached. */
export function AddFormButton({ children, variant = "primary" }: { children: ReactNode; variant?: "primary" | "secondary" }) {
  const { open, disabledReason } = useAddForm();
  return (
    <Button variant={variant} onClick={open} disabled={!!disabledReason} aria-describedby={disabledReason ? ADD_DISABLED_REASON_ID : undefined}>
      {children}
    </Button>
  );
}

/** The text the disabled add button points to; nothing while adding is possible. */
export function AddFormDisabledReason() {
  const { disabledReason } = useAddForm();
  if (!disabledReason) return null;
  return (
    <p id={ADD_DISABLED_REASON_ID} className="text-right text-sm text-slate-700">
      {disabledReason}
    </p>
  );
}
