import "server-only";
import { notFound, redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/get-session-user";
import { loadUserTenantContext } from "./load-tenant-context";

/**
 * For pages under /t/<tenant>: signed-out visitors go to sign-in (and come back), and
 * non-members get a plain 404, the same as a tenant that does not exist.
 */
export async function requireTenantPage(tenantSlug: string, path: string) {
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/t/${tenantSlug}${path}`)}`);
  const ctx = await loadUserTenantContext(user.id, tenantSlug);
  if (!ctx) notFound();
  return ctx;
}
