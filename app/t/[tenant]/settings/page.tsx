import type { Metadata } from "next";
import { TenantSettingsForm } from "@/components/settings/tenant-settings-form";
import { Banner } from "@/components/ui/banner";
import { getTenantSettings } from "@/lib/tenants/get-tenant-settings";
import { requireTenantPage } from "@/lib/tenants/require-tenant-page";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requireTenantPage(tenant, "/settings");
  const settings = await getTenantSettings(ctx);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Settings</h1>
        <p className="mt-1 text-sm text-slate-600">Rules every new secret and client of {ctx.tenantName} must follow.</p>
      </div>
      {!ctx.isAdministrator && <Banner tone="info">You can view the settings. Changing them needs the Account Administrator role.</Banner>}
      <TenantSettingsForm tenantSlug={ctx.tenantSlug} settings={settings} readOnly={!ctx.isAdministrator} />
    </div>
  );
}
