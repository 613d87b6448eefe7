"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/action-result";

/**
 * State for a destructive action behind a ConfirmDialog: open/cancel, a pending confirm,
 * and the server's refusal shown in the still-open dialog. onSuccess runs once it closed.
 */
export function useConfirmedAction<T>(run: () => Promise<ActionResult<T>>, onSuccess: (data: T) => void) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return {
    open,
    pending,
    error,
    show: () => setOpen(true),
    cancel: () => {
      setOpen(false);
      setError(null);
    },
    confirm: () => {
      setError(null);
      startTransition(async () => {
        const result = await run();
        if (!result.ok) return setError(result.message);
        setOpen(false);
        onSuccess(result.data);
      });
    },
  };
}
