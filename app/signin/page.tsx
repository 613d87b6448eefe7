import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ClearSessionDrafts } from "@/components/auth/clear-session-drafts";
import { DevSignInForm, SsoButton } from "@/components/auth/sign-in-forms";
import { Banner } from "@/components/ui/banner";
import { getSessionUser } from "@/lib/auth/get-session-user";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { signInErrorMessage } from "@/lib/auth/sign-in-error";
import { devSignInEnabled, oidcSettings } from "@/lib/auth/sign-in-options";
import { serverConfig } from "@/lib/config";
import { findInteractionClientName } from "@/lib/oauth/find-interaction-client";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[]; reauth?: string | string[] }>;
}) {
  const { callbackUrl, error, reauth } = await searchParams;
  const problem = signInErrorMessage(error);
  // Never on to another origin after signing in (lib/auth/safe-redirect.ts).
  const target = safeRedirectPath(callbackUrl, serverConfig().baseUrl);
  // An application asked for a fresh sign-in (prompt=login, max_age): the current session will not do.
  const again = reauth === "1";
  if (!again && (await getSessionUser())) redirect(target);
  const sso = oidcSettings();
  const dev = devSignInEnabled();
  // Signing in on behalf of an application (the token service's interaction sent the person here).
  const application = await findInteractionClientName(target);

  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-6 p-6">
      <div>
        <p className="text-sm font-semibold uppercase tracking-wide text-blue-800">Latchkey</p>
        <h1 className="mt-1 text-2xl font-semibold">{again ? "Sign in again" : "Sign in"}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {application ? (
            <>
              to continue to <strong className="font-semibold text-slate-800">{application}</strong>
              {again && ", which asks you to confirm who you are"}.
            </>
          ) : (
            "Manage the clients that sign in to your platform."
          )}
        </p>
      </div>
      {problem && <Banner tone="error">{problem}</Banner>}
      <ClearSessionDrafts />
      {sso && <SsoButton providerName={sso.name} callbackUrl={target} reauthenticate={again} />}
      {dev && <DevSignInForm callbackUrl={target} />}
      {!sso && !dev && (
        <Banner tone="warning">
          No sign-in method is configured. Set LATCHKEY_OIDC_ISSUER, LATCHKEY_OIDC_CLIENT_ID and LATCHKEY_OIDC_CLIENT_SECRET (see the README).
        </Banner>
      )}
    </main>
  );
}
