"use client";

import { useEffect } from "react";
import { clearSessionDrafts } from "@/components/forms/use-session-draft";

/** On the sign-in page: a session that ended without a sign-out leaves no draft for whoever signs in next in this tab. */
export function ClearSessionDrafts() {
  useEffect(clearSessionDrafts, []);
  return null;
}
