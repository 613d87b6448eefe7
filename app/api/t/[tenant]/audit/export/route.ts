import { tenantRoute } from "@/lib/actions/tenant-route";
import { exportAuditEvents } from "@/lib/audit/export-audit-events";
import { ZAuditExportQuery } from "@/lib/validation/audit";

/**
 * GET /api/t/<tenant>/audit/export?format=csv|json&action=&actor=&target=&from=&to= — every
 * event the filters match, as a download streamed from the database batch by batch, for
 * Account Administrators. The export is recorded in the audit log.
 */
export const GET = tenantRoute({
  schema: ZAuditExportQuery,
  invalidMessage: "The audit export query is not valid.",
  administratorsTo: "export the audit log",
  fromOwnPagesOnly: true,
  run: async (ctx, _query, raw) => {
    const { filename, contentType, body } = await exportAuditEvents(ctx, raw);
    return new Response(body, {
      headers: {
        "content-type": contentType,
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "no-store",
      },
    });
  },
});
