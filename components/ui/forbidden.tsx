import Link from "next/link";

export function Forbidden({ backHref, action }: { backHref: string; action: string }) {
  return (
    <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-6">
      <h1 className="text-lg font-semibold text-amber-900">You need the Account Administrator role</h1>
      <p className="mt-2 text-sm text-amber-900">
        Only Account Administrators can {action}. Ask an Account Administrator of this tenant to do it for you or to give you the role.
      </p>
      <Link href={backHref} className="mt-4 inline-block text-sm font-medium text-blue-800 underline">
        Back to clients
      </Link>
    </div>
  );
}
