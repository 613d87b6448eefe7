import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { getSessionUser } from "@/lib/auth/get-session-user";
import { DomainError } from "@/lib/errors";
import { loadUserTenantContext } from "@/lib/tenants/load-tenant-context";
import { ZAuditQuery } from "@/lib/validation/audit";
import { fieldErrorsOf, type FieldErrors } from "@/lib/validation/parse-input";
import { ZTenantSlug } from "@/lib/validation/tenant";

const STATUS = { VALIDATION: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, LIMIT: 409, INTERNAL: 500 } as const;

function failure(code: keyof typeof STATUS, message: string, fieldErrors?: FieldErrors): Response {
  return Response.json({ code, message, fieldErrors }, { status: STATUS[code], headers: { "cache-control": "no-store" } });
}

/**
 * GET /api/t/<tenant>/audit?action=&actor=&target=&cursor=&limit= — a page of the audit
 * log for the browser's audit screen. Signed in (401), member of the tenant (404, so a
 * tenant's existence is not revealed), Account Administrator (403), valid query (400).
 */
export async function GET(request: Request, { params }: { params: Promise<{ tenant: string }> }): Promise<Response> {
  const user = await getSessionUser();
  if (!user) return failure("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  const slug = ZTenantSlug.safeParse((await params).tenant);
  const ctx = slug.success ? await loadUserTenantContext(user.id, slug.data) : null;
  if (!ctx) return failure("NOT_FOUND", "Tenant not found.");
  if (!ctx.isAdministrator) return failure("FORBIDDEN", "You need the Account Administrator role to see the audit log.");

  const raw = Object.fromEntries(new URL(request.url).searchParams);
  const query = ZAuditQuery.safeParse(raw);
  if (!query.success) return failure("VALIDATION", "The audit log query is not valid.", fieldErrorsOf(query.error));
  try {
    return Response.json(await listAuditEvents(ctx, raw), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof DomainError) return failure(error.code, error.message);
    console.error(`audit API failed in tenant ${ctx.tenantSlug}:`, error instanceof Error ? error.stack : "unknown error");
    return failure("INTERNAL", "Something went wrong on our side; try again.");
  }
}
