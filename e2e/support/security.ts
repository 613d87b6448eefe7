import { execFileSync } from "node:child_process";
import type { Page, Request } from "@playwright/test";
import { e2eServerEnv } from "./e2e-env";

/** The whole database as JSON text (see dump-database.ts). */
export function dumpDatabase(): string {
  return execFileSync("tsx", ["--tsconfig", "tsconfig.node.json", "e2e/support/dump-database.ts"], {
    env: { ...process.env, ...e2eServerEnv() },
    maxBuffer: 64 * 1024 * 1024,
  }).toString();
}

/** The rows that belong to a tenant, minus timestamps the token endpoint may move. */
export function tenantRows(dump: string, tenantId: string): string {
  const all = JSON.parse(dump) as Record<string, Record<string, unknown>[]>;
  const clientIds = new Set(all.client!.filter((c) => c.tenantId === tenantId).map((c) => c.id));
  const membershipIds = new Set(all.membership!.filter((m) => m.tenantId === tenantId).map((m) => m.id));
  const mine = (row: Record<string, unknown>) =>
    row.tenantId === tenantId || row.id === tenantId || clientIds.has(row.clientId) || membershipIds.has(row.membershipId);
  return JSON.stringify(Object.fromEntries(Object.entries(all).map(([model, rows]) => [model, rows.filter(mine)])));
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
