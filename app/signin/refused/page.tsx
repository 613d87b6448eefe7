import type { Metadata } from "next";
import Link from "next/link";
import { Banner } from "@/components/ui/banner";
import { isSignInRefusal, SIGN_IN_REFUSALS } from "@/lib/auth/sign-in-refusal";

export const metadata: Metadata = { title: "Sign-in refused" };

/** Where a refused sign-in through the identity provider lands: no session, no redirect onward. */
export default async function SignInRefusedPage({ searchParams }: { searchParams: Promise<{ reason?: string | string[] }> }) {
  const { reason } = await searchParams;
  const refusal = SIGN_IN_REFUSALS[isSignInRefusal(reason) ? reason : "not-a-member"];
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-6 p-6">
      <div>
        <p className="text-sm font-semibold uppercase tracking-wide text-blue-800">Latchkey</p>
        <h1 className="mt-1 text-2xl font-semibold">{refusal.title}</h1>
      </div>
      <Banner tone="error">{refusal.message}</Banner>
      <p className="text-sm text-slate-700">
        You are not signed in to Latchkey.{" "}
        <Link href="/signin" className="font-medium text-blue-800 underline">
          Back to sign-in
        </Link>
      </p>
    </main>
  );
}
