"use client";

import { useState } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { DRAFT_KEY_PREFIX, useSessionDraft } from "@/components/forms/use-session-draft";
import { useUnsavedChangesWarning } from "@/components/forms/use-unsaved-changes-warning";
import { CLIENT_TYPES, type TClientType } from "@/lib/validation/client";
import { useNewClientChecks } from "./use-new-client-checks";

const LEAVE_ADD_CLIENT = "Leave without adding the client? This tab keeps what you entered for it (not a secret or key) until you come back.";

// Per tenant and type, in sessionStorage: this tab only.
const draftKey = (tenantSlug: string, type: TClientType) => `${DRAFT_KEY_PREFIX}add-client.${tenantSlug}.${type}`;
const lastTypeKey = (tenantSlug: string) => `${DRAFT_KEY_PREFIX}add-client.${tenantSlug}.type`;

/** The type of the client being drafted when the Add client page was left, if its draft is still there. */
export function draftedClientType(tenantSlug: string): TClientType | null {
  try {
    const type = window.sessionStorage.getItem(lastTypeKey(tenantSlug)) as TClientType | null;
    return type && CLIENT_TYPES.includes(type) && window.sessionStorage.getItem(draftKey(tenantSlug, type)) ? type : null;
  } catch {
    return null;
  }
}

export function rememberDraftedClientType(tenantSlug: string, type: TClientType): void {
  try {
    window.sessionStorage.setItem(lastTypeKey(tenantSlug), type);
  } catch {
    // no storage: no draft either
  }
}

function forgetAddClientDrafts(tenantSlug: string): void {
  try {
    for (const type of CLIENT_TYPES) window.sessionStorage.removeItem(draftKey(tenantSlug, type));
    window.sessionStorage.removeItem(lastTypeKey(tenantSlug));
  } catch {
    // nothing was kept
  }
}

/**
 * What every type's Add client form does besides its fields: the early checks (Client Id in
 * use, same name), a draft of the client's own fields (`draftFields`: never the secret or
 * key step) restored on coming back, and a warning before leaving with unsaved work.
 * Call `added()` once the client exists: the draft goes, and leaving no longer asks.
 */
export function useAddClient<T extends FieldValues>({
  tenantSlug,
  type,
  form,
  draftFields,
  choices,
}: {
  tenantSlug: string;
  type: TClientType;
  form: UseFormReturn<T>;
  draftFields: readonly (keyof T & string)[];
  /** The environments and roles that can still be chosen: a draft's stale ids are dropped. */
  choices: { environmentIds: string[]; roleIds?: string[] };
}) {
  const [added, setAdded] = useState(false);
  const checks = useNewClientChecks(tenantSlug, form);
  const draft = useSessionDraft({
    form,
    storageKey: draftKey(tenantSlug, type),
    fields: draftFields,
    accept: (field, value) => {
      if (field === "environmentId") return typeof value === "string" && choices.environmentIds.includes(value);
      if (field === "roleIds") return Array.isArray(value) && value.every((id) => choices.roleIds?.includes(id));
      return true;
    },
  });
  useUnsavedChangesWarning(form.formState.isDirty && !added, LEAVE_ADD_CLIENT);

  return {
    ...checks,
    draft,
    added() {
      setAdded(true);
      draft.clear();
      forgetAddClientDrafts(tenantSlug);
    },
  };
}

export type AddClient = ReturnType<typeof useAddClient>;
