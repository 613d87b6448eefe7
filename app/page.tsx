import Link from "next/link";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/get-session-user";
import { listUserTenants } from "@/lib/users/list-user-tenants";

export default async function HomePage() {
  const user = await getSessionUser();
  if (!user) redirect("/signin");
  const tenants = await listUserTenants(user.id);
  if (tenants.length === 1) redirect(`/t/${tenants[0]!.slug}/clients`);
  return (
    <main className="mx-auto max-w-xl p-8">
      <h1 className="text-2xl font-semibold">Choose a tenant</h1>
      {tenants.length === 0 ? (
        <p className="mt-4 text-slate-600">You are not a member of any tenant. Ask an Account Administrator to add you.</p>
      ) : (
        <ul className="mt-6 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {tenants.map((t) => (
            <li key={t.slug}>
              <Link className="block px-4 py-3 hover:bg-slate-50 focus-visible:outline-2" href={`/t/${t.slug}/clients`}>
                {t.name} <span className="text-slate-500">({t.slug})</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
