import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { getSessionUser } from "@/lib/auth/get-session-user";
import { DomainError } from "@/lib/errors";
import { loadUserTenantContext } from "@/lib/tenants/load-tenant-context";
import type { TenantContext } from "@/lib/tenants/tenant-context";
import { fieldErrorsOf } from "@/lib/validation/parse-input";
import { safeParseReadable } from "@/lib/validation/readable-errors";
import { ZTenantSlug } from "@/lib/validation/tenant";
import type { ActionResult } from "./action-result";
import { logger } from "@/lib/logging/logger";

type Options<S extends z.ZodType, R> = {
  schema: S;
  /** Changes need the Account Administrator role; the domain function checks it again. */
  requireAdministrator: boolean;
  /** Domain call; domain functions write their audit entry in the same transaction. */
  run: (ctx: TenantContext, input: z.output<S>) => Promise<R>;
  /** Paths (under /t/<tenant>) whose rendering the change affects. */
  revalidate?: string[];
};

/**
 * The one pipeline every tenant action goes through: validate → sign-in → tenant
 * membership → role → domain (+ audit) → revalidate → typed result. Expected errors reach
 * the browser with their message; anything else is logged without the input (which may
 * hold a secret's description or worse) and answered generically.
 */
export function tenantAction<S extends z.ZodType, R>(options: Options<S, R>) {
  return async (tenantSlug: string, rawInput: unknown): Promise<ActionResult<R>> => {
    const slug = ZTenantSlug.safeParse(tenantSlug);
    const parsed = safeParseReadable(options.schema, rawInput);
    if (!parsed.success) {
      return { ok: false, code: "VALIDATION", message: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) };
    }
    const user = await getSessionUser();
    if (!user) return { ok: false, code: "UNAUTHENTICATED", message: "Your session has ended. Sign in again." };
    const ctx = slug.success ? await loadUserTenantContext(user.id, slug.data) : null;
    if (!ctx) return { ok: false, code: "NOT_FOUND", message: "Tenant not found." };
    if (options.requireAdministrator && !ctx.isAdministrator) {
      return { ok: false, code: "FORBIDDEN", message: "You need the Account Administrator role to do this." };
    }
    try {
      const data = await options.run(ctx, parsed.data);
      for (const path of options.revalidate ?? []) revalidatePath(`/t/${ctx.tenantSlug}${path}`);
      return { ok: true, data };
    } catch (error) {
      if (error instanceof DomainError) {
        return {
          ok: false,
          code: error.code,
          message: error.message,
          fieldErrors: error.field ? { [error.field]: [error.message] } : undefined,
        };
      }
      logger.error({ tenant: ctx.tenantSlug, err: error }, "action failed");
      return { ok: false, code: "INTERNAL", message: "Something went wrong on our side. Nothing was changed; try again." };
    }
  };
}
