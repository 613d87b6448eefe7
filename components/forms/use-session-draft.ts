"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";

/** A form's top-level fields: the ones a draft can keep. */
type DraftField<T> = keyof T & string;
type Draft = Record<string, unknown>;

/** Every draft's storage key starts with this. */
export const DRAFT_KEY_PREFIX = "latchkey.";

/** Drops every draft of this tab: at sign-out and on the sign-in page, so the next person never finds one. */
export function clearSessionDrafts(): void {
  try {
    const keys = Array.from({ length: window.sessionStorage.length }, (_, i) => window.sessionStorage.key(i));
    for (const key of keys) if (key?.startsWith(DRAFT_KEY_PREFIX)) window.sessionStorage.removeItem(key);
  } catch {
    // no storage: no drafts either
  }
}

function readDraft(key: string): Draft | null {
  try {
    const raw = window.sessionStorage.getItem(key);
    const draft: unknown = raw ? JSON.parse(raw) : null;
    return draft && typeof draft === "object" && !Array.isArray(draft) ? (draft as Draft) : null;
  } catch {
    return null; // storage refused (privacy settings) or a draft of an older shape
  }
}

function writeDraft(key: string, draft: object | null): void {
  try {
    if (draft) window.sessionStorage.setItem(key, JSON.stringify(draft));
    else window.sessionStorage.removeItem(key);
  } catch {
    // Storage full or refused: the form works without a draft.
  }
}

/**
 * Keeps what was typed into a form in sessionStorage (this tab only, gone when it closes),
 * so that leaving and coming back (Back, a reload) does not return an empty form. Only the
 * listed `fields` are kept: never list a field that can hold a secret. Restored after
 * hydration (the server renders the empty form), and marked dirty against the defaults.
 * `accept` may drop restored values that are no longer valid choices.
 */
export function useSessionDraft<T extends FieldValues>({
  form,
  storageKey,
  fields,
  accept = () => true,
}: {
  form: UseFormReturn<T>;
  storageKey: string;
  fields: readonly DraftField<T>[];
  accept?: (field: DraftField<T>, value: unknown) => boolean;
}) {
  const [restored, setRestored] = useState(false);
  const stopped = useRef(false);
  // Kept in refs so that the effects below run once per form, not on every render.
  const options = useRef({ fields, accept });

  useEffect(() => {
    const { fields, accept } = options.current;
    const draft = readDraft(storageKey);
    const kept = draft ? fields.filter((field) => field in draft && accept(field, draft[field])) : [];
    if (draft && kept.length) {
      form.reset({ ...form.getValues(), ...Object.fromEntries(kept.map((field) => [field, draft[field]])) }, { keepDefaultValues: true });
      setRestored(true);
    }
    const subscription = form.watch((values: Draft) => {
      if (stopped.current) return;
      const defaults: Draft = form.formState.defaultValues ?? {};
      const changed = fields.some((field) => JSON.stringify(values[field]) !== JSON.stringify(defaults[field]));
      writeDraft(storageKey, changed ? Object.fromEntries(fields.map((field) => [field, values[field]])) : null);
    });
    return () => subscription.unsubscribe();
  }, [form, storageKey]);

  /** Forgets the draft for good (after saving); later changes are not kept either. */
  const clear = useCallback(() => {
    stopped.current = true;
    writeDraft(storageKey, null);
  }, [storageKey]);

  /** Forgets the draft and empties the form ("Start over"); what is typed next is kept again. */
  const discard = useCallback(() => {
    writeDraft(storageKey, null);
    form.reset();
    setRestored(false);
  }, [form, storageKey]);

  return { restored, clear, discard };
}
