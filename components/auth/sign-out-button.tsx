"use client";

import { signOut } from "next-auth/react";
import { confirmLeavingUnsavedWork } from "@/components/forms/use-unsaved-changes-warning";
import { clearSessionDrafts } from "@/components/forms/use-session-draft";

/**
 * Unsaved work is asked about before the session ends (afterwards the page could only be
 * kept signed out), and this tab's drafts go with the session: the next person to sign in
 * here does not find them.
 */
export function SignOutButton() {
  function signOutNow() {
    if (!confirmLeavingUnsavedWork()) return;
    clearSessionDrafts();
    void signOut({ callbackUrl: "/signin" });
  }
  return (
    <button type="button" onClick={signOutNow} className="whitespace-nowrap text-sm text-slate-200 underline hover:text-white">
      Sign out
    </button>
  );
}
