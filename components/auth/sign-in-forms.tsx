"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";

/** The company's identity provider; `reauthenticate` asks it for a fresh sign-in too (prompt=login). */
export function SsoButton({ providerName, callbackUrl, reauthenticate = false }: { providerName: string; callbackUrl: string; reauthenticate?: boolean }) {
  return (
    <Button className="w-full" onClick={() => signIn("oidc", { callbackUrl }, reauthenticate ? { prompt: "login" } : undefined)}>
      Sign in with {providerName}
    </Button>
  );
}

/** Email-only sign-in for the embedded demo; labelled so nobody mistakes it for the real thing. */
export function DevSignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  return (
    <form
      className="space-y-4 rounded-lg border-2 border-dashed border-amber-400 bg-amber-50 p-5"
      onSubmit={(event) => {
        event.preventDefault();
        setError(null);
        startTransition(async () => {
          const result = await signIn("dev", { email, callbackUrl, redirect: false });
          // The token service (/identity) is not a page of this app: leave it for a real navigation.
          if (result?.ok && !result.error) {
            // callbackUrl is what the sign-in page kept of its query (safeRedirectPath): a path of Latchkey.
            if (callbackUrl.startsWith("/identity/")) window.location.assign(callbackUrl);
            else router.replace(callbackUrl);
          } else setError("No Latchkey user with that email is a member of a tenant.");
        });
      }}
    >
      <div>
        <h2 className="font-semibold text-amber-900">Development sign-in</h2>
        <p className="text-sm text-amber-900">
          For the embedded demo only: anyone who knows a member&apos;s email can sign in. Production uses your identity provider.
        </p>
      </div>
      {error && <Banner tone="error">{error}</Banner>}
      <Field id="dev-email" label="Email">
        <input
          id="dev-email"
          type="email"
          required
          autoComplete="username"
          className={inputClass}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          placeholder="admin@demo.local"
        />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in (development)"}
      </Button>
    </form>
  );
}
