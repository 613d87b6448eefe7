import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { QueryProvider } from "@/components/providers/query-provider";
import { TenantNav } from "@/components/tenant/tenant-nav";
import { ToastProvider } from "@/components/ui/toast";
import { requireTenantPage } from "@/lib/tenants/require-tenant-page";
import { visibleSections } from "@/lib/tenants/tenant-sections";

export default async function TenantLayout({ children, params }: { children: ReactNode; params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requireTenantPage(tenant, "/clients");
  return (
    <div className="min-h-screen">
      <header className="bg-slate-900 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
            <Link href={`/t/${ctx.tenantSlug}/clients`} className="text-lg font-semibold">
              Latchkey
            </Link>
            <span className="text-sm text-slate-300">{ctx.tenantName}</span>
            <TenantNav tenantSlug={ctx.tenantSlug} sections={visibleSections(ctx)} />
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
      <main className="mx-auto max-w-6xl px-4 py-8">
        <QueryProvider>
          <ToastProvider>{children}</ToastProvider>
        </QueryProvider>
      </main>
    </div>
  );
}
