"use server";

import { updateTenantSettings } from "@/lib/tenants/update-tenant-settings";
import { ZTenantSettings } from "@/lib/validation/tenant-settings";
import { tenantAction } from "./tenant-action";

export const updateTenantSettingsAction = tenantAction({
  schema: ZTenantSettings,
  requireAdministrator: true,
  revalidate: ["/settings"],
  run: updateTenantSettings,
});
