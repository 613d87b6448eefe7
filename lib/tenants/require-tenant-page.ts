import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getSessionUser } from "@/lib/auth/get-session-user";
import { loadUserTenantContext } from "./load-tenant-context";

// The tenant layout and its page both ask for the context while rendering one request:
// one session read and one membership query serve both. Server actions do not use this;
// they load the context afresh (lib/actions/tenant-action.ts).
const tenantContextOfRequest = cache(async (tenantSlug: string) => {
  const user = await getSessionUser();
  return { user, ctx: user ? await loadUserTenantContext(user.id, tenantSlug) : null };
});

/**
 * For pages under /t/<tenant>: signed-out visitors go to sign-in (and come back), and
 * non-members get a plain 404, the same as a tenant that does not exist.
 */
export async function requireTenantPage(tenantSlug: string, path: string) {
  const { user, ctx } = await tenantContextOfRequest(tenantSlug);
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/t/${tenantSlug}${path}`)}`);
  if (!ctx) notFound();
  return ctx;
}
