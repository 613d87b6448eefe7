"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: "/signin" })} className="whitespace-nowrap text-sm text-slate-200 underline hover:text-white">
      Sign out
    </button>
  );
}
