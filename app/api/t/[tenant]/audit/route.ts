import { tenantRoute } from "@/lib/actions/tenant-route";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { ZAuditQuery } from "@/lib/validation/audit";

/**
 * GET /api/t/<tenant>/audit?action=&actor=&target=&from=&to=&cursor=&limit= — a page of the
 * audit log for the browser's audit screen, for Account Administrators.
 */
export const GET = tenantRoute({
  schema: ZAuditQuery,
  invalidMessage: "The audit log query is not valid.",
  administratorsTo: "see the audit log",
  run: async (ctx, _query, raw) => Response.json(await listAuditEvents(ctx, raw), { headers: { "cache-control": "no-store" } }),
});
