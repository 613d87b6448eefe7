import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startManagementListener, type Readiness } from "./management-listener";

let close: (() => void) | undefined;
afterEach(() => close?.());

async function listen(readiness: () => Promise<Readiness>) {
  const server = await startManagementListener("127.0.0.1", 0, {
    healthy: () => true,
    readiness,
    metrics: async () => ({ contentType: "text/plain; version=0.0.4", body: "latchkey_up 1\n" }),
  });
  close = () => server.close();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("the management listener", () => {
  it("answers /healthz, /readyz and /metrics, and nothing else", async () => {
    const base = await listen(async () => ({ ready: true }));
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { ready: true }]);
    expect(await (await fetch(`${base}/metrics`)).text()).toBe("latchkey_up 1\n");
    expect((await fetch(`${base}/signin`)).status).toBe(404);
    expect((await fetch(`${base}/readyz`, { method: "POST" })).status).toBe(405);
  });

  it("says 503 with the reason when not ready, also when the check itself fails", async () => {
    let check: () => Promise<Readiness> = async () => ({ ready: false, reason: "shutting down" });
    const base = await listen(() => check());
    const stopping = await fetch(`${base}/readyz`);
    expect([stopping.status, await stopping.json()]).toEqual([503, { ready: false, reason: "shutting down" }]);
    check = async () => {
      throw new Error("the database does not answer");
    };
    const failing = await fetch(`${base}/readyz`);
    expect([failing.status, await failing.json()]).toEqual([503, { ready: false, reason: "the database does not answer" }]);
  });

  it("refuses a port in use with a message naming the setting", async () => {
    const base = await listen(async () => ({ ready: true }));
    const port = Number(new URL(base).port);
    await expect(
      startManagementListener("127.0.0.1", port, {
        healthy: () => true,
        readiness: async () => ({ ready: true }),
        metrics: async () => ({ contentType: "", body: "" }),
      }),
    ).rejects.toThrow(/LATCHKEY_MANAGEMENT_PORT/);
  });
});
