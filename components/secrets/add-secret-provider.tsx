"use client";

import { createContext, useContext, useMemo, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

type AddSecretState = {
  /** 0 while the add form is closed; a new number on every request to open it (re-focuses it). */
  request: number;
  open: () => void;
  close: () => void;
  /** Why a secret cannot be added now (limit reached), or null. */
  disabledReason: string | null;
};

const AddSecretContext = createContext<AddSecretState | null>(null);

export const ADD_SECRET_REASON_ID = "add-secret-disabled-reason";

/**
 * Lets several buttons on the secrets page (the toolbar, the rotation notice) open the one
 * add-secret form, which lives elsewhere in the page.
 */
export function AddSecretProvider({ disabledReason, children }: { disabledReason: string | null; children: ReactNode }) {
  const [request, setRequest] = useState(0);
  const value = useMemo<AddSecretState>(
    () => ({ request, open: () => setRequest((n) => n + 1), close: () => setRequest(0), disabledReason }),
    [request, disabledReason],
  );
  return <AddSecretContext.Provider value={value}>{children}</AddSecretContext.Provider>;
}

export function useAddSecret(): AddSecretState {
  const state = useContext(AddSecretContext);
  if (!state) throw new Error("useAddSecret needs an AddSecretProvider");
  return state;
}

/** Disabled with the reason (announced through aria-describedby) when the limit is reached. */
export function AddSecretButton({ children, variant = "primary" }: { children: ReactNode; variant?: "primary" | "secondary" }) {
  const { open, disabledReason } = useAddSecret();
  return (
    <Button variant={variant} onClick={open} disabled={!!disabledReason} aria-describedby={disabledReason ? ADD_SECRET_REASON_ID : undefined}>
      {children}
    </Button>
  );
}
