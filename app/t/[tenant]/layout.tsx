import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { requireTenantPage } from "@/lib/tenants/require-tenant-page";

export default async function TenantLayout({ children, params }: { children: ReactNode; params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requireTenantPage(tenant, "/clients");
  return (
    <div className="min-h-screen">
      <header className="bg-slate-900 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div className="flex items-center gap-6">
            <Link href={`/t/${ctx.tenantSlug}/clients`} className="text-lg font-semibold">
              Latchkey
            </Link>
            <span className="text-sm text-slate-300">{ctx.tenantName}</span>
            <nav aria-label="Tenant">
              <Link href={`/t/${ctx.tenantSlug}/clients`} className="text-sm font-medium hover:underline">
                Clients
              </Link>
            </nav>
          </div>
          <div className="flex items-center gap-4 text-sm">
            <span className="text-slate-300">
              {ctx.actor.label}
              {ctx.isAdministrator ? " · Account Administrator" : " · Account Member"}
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </div>
  );
}
