import type { Metadata } from "next";
import { Suspense } from "react";
import { AuditLog } from "@/components/audit/audit-log";
import { Forbidden } from "@/components/ui/forbidden";
import { listAuditActions } from "@/lib/audit/list-audit-actions";
import { requireTenantPage } from "@/lib/tenants/require-tenant-page";
import { maySeeSection } from "@/lib/tenants/tenant-sections";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requireTenantPage(tenant, "/audit");
  if (!maySeeSection(ctx, "/audit")) return <Forbidden backHref={`/t/${ctx.tenantSlug}/clients`} action="see the audit log" />;
  const actions = await listAuditActions(ctx);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Audit log</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Every change to this tenant’s clients, secrets, roles, users, environments and settings: who made it, when, and the values before and after. Secret
          values are never recorded.
        </p>
      </div>
      {/* The log reads its filters from the URL in the browser. */}
      <Suspense fallback={<p className="text-sm text-slate-600">Loading the audit log…</p>}>
        <AuditLog tenantSlug={ctx.tenantSlug} actions={actions} />
      </Suspense>
    </div>
  );
}
