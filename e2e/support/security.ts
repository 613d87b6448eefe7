import type { Page, Request } from "@playwright/test";
import { runScript } from "./cli";

/** The whole database as JSON text (see dump-database.ts). */
export function dumpDatabase(): string {
  return runScript("e2e/support/dump-database.ts");
}

/** The rows that belong to a tenant, minus timestamps the token endpoint may move. */
export function tenantRows(dump: string, tenantId: string): string {
  const all = JSON.parse(dump) as Record<string, Record<string, unknown>[]>;
  const clientIds = new Set(all.client!.filter((c) => c.tenantId === tenantId).map((c) => c.id));
  const membershipIds = new Set(all.membership!.filter((m) => m.tenantId === tenantId).map((m) => m.id));
  const mine = (row: Record<string, unknown>) =>
    row.tenantId === tenantId || row.id === tenantId || clientIds.has(row.clientId) || membershipIds.has(row.membershipId);
  // lastUsedAt moves on its own: the token endpoint writes it a few seconds after a token.
  const stable = (row: Record<string, unknown>) => ({ ...row, lastUsedAt: undefined });
  return JSON.stringify(Object.fromEntries(Object.entries(all).map(([model, rows]) => [model, rows.filter(mine).map(stable)])));
}

export type CapturedAction = { url: string; headers: Record<string, string>; body: string };

/** Records the server-action POSTs a page makes (they carry a `next-action` header). */
export function captureActions(page: Page): CapturedAction[] {
  const captured: CapturedAction[] = [];
  page.on("request", (request: Request) => {
    const headers = request.headers();
    if (request.method() === "POST" && headers["next-action"]) {
      captured.push({ url: request.url(), headers, body: request.postData() ?? "" });
    }
  });
  return captured;
}
