import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getClient } from "@/lib/clients/get-client";
import { DomainError } from "@/lib/errors";
import { requireTenantPage } from "@/lib/tenants/require-tenant-page";

/**
 * The signed-in member's tenant and the client, for the client layout and its pages. Cached
 * per request, so the layout and the page share one lookup. Another tenant's client answers
 * 404, exactly like one that does not exist.
 */
export const loadClientPage = cache(async (tenantSlug: string, clientId: string) => {
  const ctx = await requireTenantPage(tenantSlug, `/clients/${encodeURIComponent(clientId)}`);
  try {
    return { ctx, client: await getClient(ctx, clientId) };
  } catch (error) {
    if (error instanceof DomainError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
});
