import "server-only";
import type { z } from "zod";
import { getSessionUser } from "@/lib/auth/get-session-user";
import { DomainError } from "@/lib/errors";
import { loadUserTenantContext } from "@/lib/tenants/load-tenant-context";
import type { TenantContext } from "@/lib/tenants/tenant-context";
import { fieldErrorsOf, type FieldErrors } from "@/lib/validation/parse-input";
import { ZTenantSlug } from "@/lib/validation/tenant";
import { logger } from "@/lib/logging/logger";

const STATUS = { VALIDATION: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, LIMIT: 409, INTERNAL: 500 } as const;

export function routeFailure(code: keyof typeof STATUS, message: string, fieldErrors?: FieldErrors): Response {
  return Response.json({ code, message, fieldErrors }, { status: STATUS[code], headers: { "cache-control": "no-store" } });
}

type Options<S extends z.ZodType> = {
  /** The query string's schema. */
  schema: S;
  /** What a refused query is told, e.g. "The audit log query is not valid." (each field's message goes along). */
  invalidMessage: string;
  /** Set when only Account Administrators may call it: what they are refused, e.g. "see the audit log". */
  administratorsTo?: string;
  /**
   * For a GET that writes (the audit export records itself): a browser request that did not
   * come from the portal's own pages (a link in a mail, a bookmark: Sec-Fetch-Site "none") is
   * refused, so nobody can make an administrator's browser write in their name. Cross-site
   * requests never reach a route (lib/http/foreign-api-request.ts).
   */
  fromOwnPagesOnly?: boolean;
  /** `raw` is the query string as given: domain functions parse their own input again. */
  run: (ctx: TenantContext, query: z.output<S>, raw: Record<string, string>) => Promise<Response>;
};

/**
 * The route handlers' version of tenantAction: signed in (401), member of the tenant (404,
 * so a tenant's existence is not revealed), role (403), valid query (400), then the domain;
 * expected errors with their message, anything else logged and answered generically. Every
 * answer is JSON or the route's own, and never cached.
 */
export function tenantRoute<S extends z.ZodType>(options: Options<S>) {
  return async (request: Request, { params }: { params: Promise<{ tenant: string }> }): Promise<Response> => {
    const fetchSite = request.headers.get("sec-fetch-site");
    if (options.fromOwnPagesOnly && fetchSite !== null && fetchSite !== "same-origin") {
      return routeFailure("FORBIDDEN", "Start this from the Latchkey portal's own page.");
    }
    const user = await getSessionUser();
    if (!user) return routeFailure("UNAUTHENTICATED", "Your session has ended. Sign in again.");
    const slug = ZTenantSlug.safeParse((await params).tenant);
    const ctx = slug.success ? await loadUserTenantContext(user.id, slug.data) : null;
    if (!ctx) return routeFailure("NOT_FOUND", "Tenant not found.");
    if (options.administratorsTo && !ctx.isAdministrator) {
      return routeFailure("FORBIDDEN", `You need the Account Administrator role to ${options.administratorsTo}.`);
    }
    const raw = Object.fromEntries(new URL(request.url).searchParams);
    const query = options.schema.safeParse(raw);
    if (!query.success) return routeFailure("VALIDATION", options.invalidMessage, fieldErrorsOf(query.error));
    try {
      return await options.run(ctx, query.data, raw);
    } catch (error) {
      if (error instanceof DomainError) return routeFailure(error.code, error.message, error.field ? { [error.field]: [error.message] } : undefined);
      logger.error({ tenant: ctx.tenantSlug, err: error }, "route failed");
      return routeFailure("INTERNAL", "Something went wrong on our side; try again.");
    }
  };
}
